using System.Collections;

namespace PerfLab.Runners.Emulation.Cuda;

/// <summary>The entry points behind <c>perflab emulate nvidia-smi ...</c> and <c>perflab emulate hydra-benchmark ...</c>.</summary>
/// <remarks>The emulated GPU is the profile named by PERFLAB_GPU_PROFILE (the emulated device provider writes it into
/// its shims). Output is deterministic under PERFLAB_EMULATOR_SEED; PERFLAB_BUILD with a profile's <c>regression</c>
/// (or PERFLAB_EMULATOR_REGRESSION=FROM:FACTOR) slows decode from a build on; PERFLAB_EMULATOR_FAULT injects faults.</remarks>
public sealed class CudaEmulator(IReadOnlyDictionary<string, string?> environment, Action<TimeSpan>? sleep = null)
{
    public const string NvidiaSmiTool = "nvidia-smi";
    public const string HydraBenchmarkTool = "hydra-benchmark";

    /// <summary>An emulator reading this process's environment.</summary>
    public static CudaEmulator FromProcessEnvironment() =>
        new(Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal));

    /// <summary>Dispatches on the tool name in <c>args[0]</c> ("nvidia-smi" or "hydra-benchmark"); the rest is the tool's argv.</summary>
    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0) { stderr.WriteLine($"emulate: name a tool ({NvidiaSmiTool}, {HydraBenchmarkTool})"); return 2; }
        return args[0] switch
        {
            NvidiaSmiTool => NvidiaSmi(args[1..], stdout, stderr),
            HydraBenchmarkTool => HydraBenchmark(args[1..], stdout, stderr),
            _ => Unknown(args[0], stderr),
        };
    }

    /// <summary><c>perflab emulate nvidia-smi ARGS</c>.</summary>
    public int NvidiaSmi(string[] args, TextWriter stdout, TextWriter stderr) =>
        Guarded(stderr, s => new EmulatedNvidiaSmi(s, sleep ?? Thread.Sleep).Run(args, stdout, stderr));

    /// <summary><c>perflab emulate hydra-benchmark ARGS</c>: ARGS is a python3 argv (or <c>--kernels-cli benchmark ...</c>).</summary>
    public int HydraBenchmark(string[] args, TextWriter stdout, TextWriter stderr) =>
        Guarded(stderr, s => new EmulatedHydraPython(s).Run(args, stdout, stderr));

    private int Guarded(TextWriter stderr, Func<CudaEmulatorSettings, int> run)
    {
        CudaEmulatorSettings settings;
        try
        {
            settings = CudaEmulatorSettings.From(environment);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or FormatException or IOException)
        {
            stderr.WriteLine("perflab emulate: " + e.Message);
            return 3;
        }
        return run(settings);
    }

    private static int Unknown(string tool, TextWriter stderr)
    {
        stderr.WriteLine($"emulate: unknown tool '{tool}' (known: {NvidiaSmiTool}, {HydraBenchmarkTool})");
        return 2;
    }
}
