using System.Security.Cryptography;
using System.Text;
using PerfLab.Runners.Emulation.Hailo;
using PerfLab.Runners.Processes;

namespace PerfLab.Tests.Runners.Hailo;

/// <summary>Runs "hailortcli" through <see cref="HailoEmulator"/> in this process, reading the emulator's settings from
/// the environment the runner gave the process. Stands in for the <c>perflab emulate hailortcli</c> shim, which needs the
/// CLI verb; the process boundary itself is covered by the fake-tool tests.</summary>
internal sealed class InProcessEmulatorLauncher(string profilePath) : IProcessLauncher
{
    public List<string> Calls { get; } = [];

    public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        if (spec.FileName != "hailortcli")
            return Task.FromResult(new ProcessResult(null, false, false, $"'{spec.FileName}' was not found on PATH", CapturedOutput.Empty, CapturedOutput.Empty, TimeSpan.Zero, 0));
        Calls.Add(string.Join(" ", spec.Arguments));
        var settings = HailoEmulatorSettings.FromEnvironment(name => spec.Environment.GetValueOrDefault(name));
        var emulator = new HailoEmulator(HailoDeviceProfile.Load(profilePath), settings);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = emulator.Run([.. spec.Arguments], stdout, stderr);
        return Task.FromResult(new ProcessResult(code, false, false, null, Capture(stdout.ToString()), Capture(stderr.ToString()), TimeSpan.Zero, 0));
    }

    private static CapturedOutput Capture(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new CapturedOutput(text, bytes, bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
