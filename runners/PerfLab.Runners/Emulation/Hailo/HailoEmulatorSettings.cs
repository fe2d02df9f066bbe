using System.Globalization;

namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>What an emulator invocation reads from its environment.</summary>
/// <param name="Seed">PERFLAB_EMULATOR_SEED: with a seed, noise is a pure function of (seed, call index).</param>
/// <param name="StateDirectory">PERFLAB_EMULATOR_STATE_DIR (default: $TMPDIR/perflab-emulator): where heat is kept.</param>
/// <param name="Build">PERFLAB_BUILD: compared with each injected regression's from_build.</param>
/// <param name="NowSeconds">PERFLAB_EMULATOR_NOW (Unix seconds): a fixed clock for tests; else wall time.</param>
/// <param name="ConfirmRound">PERFLAB_CONFIRM_ROUND: 0 (or unset) for a build's first measurement, N for its N-th confirming round.</param>
public sealed record HailoEmulatorSettings(ulong? Seed, string StateDirectory, string? Build, double? NowSeconds, int ConfirmRound = 0)
{
    public const string SeedVariable = "PERFLAB_EMULATOR_SEED";
    public const string StateDirectoryVariable = "PERFLAB_EMULATOR_STATE_DIR";
    public const string NowVariable = "PERFLAB_EMULATOR_NOW";
    public const string BuildVariable = "PERFLAB_BUILD";
    public const string ConfirmRoundVariable = "PERFLAB_CONFIRM_ROUND";

    public static HailoEmulatorSettings FromEnvironment(Func<string, string?> get)
    {
        ulong? seed = ulong.TryParse(get(SeedVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        double? now = double.TryParse(get(NowVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
        var round = int.TryParse(get(ConfirmRoundVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;
        var dir = get(StateDirectoryVariable);
        return new HailoEmulatorSettings(seed,
            string.IsNullOrEmpty(dir) ? Path.Combine(Path.GetTempPath(), "perflab-emulator") : dir,
            get(BuildVariable), now, round);
    }

    public static HailoEmulatorSettings FromProcess() => FromEnvironment(Environment.GetEnvironmentVariable);
}
