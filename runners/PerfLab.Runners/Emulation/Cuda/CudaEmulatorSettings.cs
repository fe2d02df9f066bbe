using System.Globalization;

namespace PerfLab.Runners.Emulation.Cuda;

/// <summary>What an emulated CUDA tool reads from its environment: which GPU it is, the seed, the build, injected faults.</summary>
public sealed record CudaEmulatorSettings(
    GpuProfile Profile,
    string Seed,
    string? Build,
    string? RunId,
    string? Repetition,
    string? Fault,
    BuildRegression? Regression,
    string? StateDirectory,
    int MaxLoopRows)
{
    public const string ProfileVariable = "PERFLAB_GPU_PROFILE";
    public const string SeedVariable = "PERFLAB_EMULATOR_SEED";
    public const string FaultVariable = "PERFLAB_EMULATOR_FAULT";
    public const string RegressionVariable = "PERFLAB_EMULATOR_REGRESSION";
    public const string StateVariable = "PERFLAB_EMULATOR_STATE";
    public const string MaxRowsVariable = "PERFLAB_EMULATOR_MAX_ROWS";

    /// <summary>Faults an emulated host can be told to show (PERFLAB_EMULATOR_FAULT, comma-separated).</summary>
    public static IReadOnlyList<string> KnownFaults { get; } = ["no-cuda", "hydra-core", "no-torch", "crash", "garbage", "throttle"];

    public static CudaEmulatorSettings From(IReadOnlyDictionary<string, string?> env)
    {
        var path = env.GetValueOrDefault(ProfileVariable);
        if (string.IsNullOrEmpty(path)) throw new InvalidOperationException($"{ProfileVariable} is not set: the emulator needs a gpu-*.yaml profile");
        var profile = GpuProfileLoader.Load(path);
        var fault = env.GetValueOrDefault(FaultVariable);
        foreach (var f in (fault ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!KnownFaults.Contains(f)) throw new InvalidOperationException($"{FaultVariable}: unknown fault '{f}' (known: {string.Join(", ", KnownFaults)})");
        }
        var maxRows = int.TryParse(env.GetValueOrDefault(MaxRowsVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) && m > 0 ? m : 100_000;
        return new CudaEmulatorSettings(profile, env.GetValueOrDefault(SeedVariable) ?? "0", env.GetValueOrDefault("PERFLAB_BUILD"),
            env.GetValueOrDefault("PERFLAB_RUN_ID"), env.GetValueOrDefault("PERFLAB_REPETITION"), fault,
            BuildRegression.Parse(env.GetValueOrDefault(RegressionVariable)) ?? profile.Regression, env.GetValueOrDefault(StateVariable), maxRows);
    }

    public bool HasFault(string fault) => (Fault ?? "").Split(',', StringSplitOptions.TrimEntries).Contains(fault);

    /// <summary>The slow-down factor for this build (1 when no regression applies), times 1.3 on a throttled host.</summary>
    public double SlowDown => (Regression?.Applies(Build) == true ? Regression.Factor : 1.0) * (HasFault("throttle") ? 1.3 : 1.0);

    /// <summary>A noise source unique to this invocation yet repeatable: seed, GPU, build, run, repetition, argv and call count.</summary>
    public EmulatorNoise NoiseFor(string tool, IEnumerable<string> argv) =>
        new($"{Seed}|{Profile.Id}|{Build}|{RunId}|{Repetition}|{tool}|{NextInvocation(tool)}|{string.Join("\u001f", argv)}");

    /// <summary>Counts invocations per tool in the state folder, so repeated identical calls differ but replay identically.</summary>
    private long NextInvocation(string tool)
    {
        if (StateDirectory is null) return 0;
        Directory.CreateDirectory(StateDirectory);
        var path = Path.Combine(StateDirectory, $"invocations-{tool}.txt");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var fs = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                using var reader = new StreamReader(fs, leaveOpen: true);
                var n = long.TryParse(reader.ReadToEnd().Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
                fs.SetLength(0);
                using var writer = new StreamWriter(fs);
                writer.Write((n + 1).ToString(CultureInfo.InvariantCulture));
                return n;
            }
            catch (IOException) when (attempt < 50)
            {
                Thread.Sleep(10);
            }
        }
    }
}
