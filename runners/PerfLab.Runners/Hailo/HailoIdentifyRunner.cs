using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Hailo;

/// <summary><c>hailo.identify</c>: records HailoRT version, firmware, arch, board, serial and part as facts (no figures);
/// fails with the tool's class when the device cannot be reached.</summary>
public sealed class HailoIdentifyRunner(HailoCli cli) : IStepRunner
{
    public HailoIdentifyRunner(IProcessLauncher launcher) : this(new HailoCli(launcher)) { }

    public string Name => "hailo.identify";

    public string Summary => "hailortcli --version and fw-control identify: device identity facts, no figures";

    public IReadOnlyList<ArgProblem> Validate(StepSpec step) => HailoStepArgs.Read(step.With, HailoStepArgs.Keys.None).Problems;

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        using var s = HailoSession.For(cli, context, cancellationToken);
        var (target, failure) = await HailoPreflight.IdentifyAsync(s, context.Device).ConfigureAwait(false);
        if (target is null) return failure!;
        s.Checks.Add(new Check("identify", true, $"{target.Architecture} on HailoRT {target.Version}, firmware {target.Identity.FirmwareVersion ?? "unknown"}"));
        return s.Succeed([]);
    }
}
