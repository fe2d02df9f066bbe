using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Hailo;

/// <summary>Starts <c>hailortcli</c> (or a stand-in of that name on the device's PATH) through the process launcher.</summary>
public sealed class HailoCli(IProcessLauncher launcher, string tool = HailoCli.DefaultTool)
{
    public const string DefaultTool = "hailortcli";

    public string Tool => tool;

    public Task<ProcessResult> RunAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment,
        string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken) =>
        launcher.RunAsync(new ProcessSpec(tool, arguments, workingDirectory, environment, timeout), cancellationToken);
}
