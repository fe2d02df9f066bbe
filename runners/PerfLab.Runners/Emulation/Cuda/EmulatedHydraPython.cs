using System.Globalization;
using System.Text.Json;
using PerfLab.Runners.Cuda.Parsing;

namespace PerfLab.Runners.Emulation.Cuda;

/// <summary>A <c>python3</c> for an emulated Hydra host: the dependency probe, <c>-m pytest</c>, the decode benchmark,
/// PerfLab's decode workload, the README example, and (<c>--kernels-cli</c>) <c>kernels benchmark --json</c>.</summary>
/// <remarks>Outputs follow the real formats byte for byte where they are known; figures come from the profile's
/// card values through <see cref="DecodeTimingModel"/>, with seeded noise and any injected regression.</remarks>
public sealed class EmulatedHydraPython(CudaEmulatorSettings settings)
{
    public const string KernelsCliFlag = "--kernels-cli";

    private GpuProfile P => settings.Profile;

    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0) { stderr.WriteLine("emulated python3: no interactive interpreter"); return 2; }
        if (args[0] == KernelsCliFlag) return KernelsBenchmark(args[1..], stdout, stderr);
        if (args[0] == "-c") return args.Length > 1 && args[1].Contains(DependencyProbeScript.Marker, StringComparison.Ordinal)
            ? Probe(args.Length > 2 && args[2].Length > 0 ? Path.GetFullPath(args[2]) : null, stdout)
            : Unsupported(stderr, "-c with code other than PerfLab's dependency probe");
        if (args[0] == "-m" && args.Length > 1 && args[1] == "pytest") return Pytest(args[2..], stdout, stderr);
        if (args[0] == "-m" && args.Length > 2 && args[1] == "kernels" && args[2] == "benchmark") return KernelsBenchmark(args[2..], stdout, stderr);
        var script = Path.GetFileName(args[0]);
        return script switch
        {
            "benchmark_hydra_decode.py" => HydraBenchmark(args, stdout, stderr),
            "decode_attention.py" => Workload(args, stdout, stderr),
            "readme_example.py" => Readme(stdout, stderr),
            _ => Unsupported(stderr, $"can't open file '{args[0]}' (the emulator knows benchmark_hydra_decode.py, decode_attention.py, readme_example.py)"),
        };
    }

    private static int Unsupported(TextWriter stderr, string what)
    {
        stderr.WriteLine("emulated python3: " + what);
        return 2;
    }

    private int Probe(string? checkout, TextWriter stdout)
    {
        var o = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["probe"] = 1, ["python"] = P.Python, ["executable"] = "/usr/bin/python3", ["checkout"] = checkout,
            ["kernels"] = "0.10.1", ["hydra_core"] = null,
        };
        if (settings.HasFault("no-torch"))
        {
            o["torch_error"] = "ModuleNotFoundError: No module named 'torch'";
            o["triton_error"] = "ModuleNotFoundError: No module named 'triton'";
        }
        else
        {
            o["torch"] = P.Torch;
            o["torch_cuda"] = P.Cuda;
            o["triton"] = P.Triton;
            o["cuda_available"] = !settings.HasFault("no-cuda");
            if (!settings.HasFault("no-cuda"))
            {
                o["device_name"] = P.Name;
                o["device_capability"] = P.ComputeCapability;
                o["device_count"] = 1;
            }
        }
        if (settings.HasFault("hydra-core"))
        {
            o["hydra_core"] = "1.3.2";
            o["hydra_origin"] = "/usr/local/lib/python3.12/site-packages/hydra/__init__.py";
            o["hydra_looks_like_hydra_core"] = true;
        }
        else
        {
            o["hydra_origin"] = checkout is null ? null : Path.Combine(checkout, "torch-ext", "hydra", "__init__.py");
            o["hydra_looks_like_hydra_core"] = false;
        }
        stdout.WriteLine(DependencyProbeScript.Marker);
        stdout.WriteLine(JsonSerializer.Serialize(o));
        return 0;
    }

    private bool CudaMissing(TextWriter stderr, string message)
    {
        if (!settings.HasFault("no-cuda")) return false;
        stderr.WriteLine(message);
        return true;
    }

    private static Dictionary<string, string> Flags(string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var eq = args[i].IndexOf('=');
            if (eq > 0) flags[args[i][..eq]] = args[i][(eq + 1)..];
            else if (i + 1 < args.Length) flags[args[i]] = args[++i];
        }
        return flags;
    }

    private static int Int(Dictionary<string, string> f, string key, int fallback) =>
        f.TryGetValue(key, out var v) ? int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

    private bool Crashed(TextWriter stdout, TextWriter stderr)
    {
        if (!settings.HasFault("crash")) return false;
        stderr.WriteLine("Traceback (most recent call last):");
        stderr.WriteLine("  File \"benchmarks/benchmark_hydra_decode.py\", line 70, in <module>");
        stderr.WriteLine("RuntimeError: Triton Error [CUDA]: an illegal memory access was encountered");
        return true;
    }

    private int HydraBenchmark(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (CudaMissing(stderr, "CUDA is required")) return 1;
        var f = Flags(args);
        int b = Int(f, "--batch", 1), h = Int(f, "--heads", 32), hkv = Int(f, "--kv-heads", 8), t = Int(f, "--tokens", 8192),
            d = Int(f, "--head-dim", 128), iters = Int(f, "--iters", 100), window = Int(f, "--window", 0);
        if (d != 128) { stderr.WriteLine($"ValueError: head dim must be 128 (HEAD_DIM), got {d}"); return 1; }
        if (hkv == 0 || h % hkv != 0) { stderr.WriteLine($"ValueError: H={h} must be a multiple of Hkv={hkv}"); return 1; }
        if (Crashed(stdout, stderr)) return 1;
        var noise = settings.NoiseFor("hydra-benchmark", args);
        var ms = noise.Jitter(DecodeTimingModel.HydraMs(P, t, window, b, h) * settings.SlowDown, P.NoisePct);
        var msText = settings.HasFault("garbage") ? "nan" : ms.ToString("0.0000", CultureInfo.InvariantCulture);
        stdout.WriteLine($"hydra_decode B={b} H={h} Hkv={hkv} Tkv={t} D={d} window={Math.Max(0, window)} iters={iters} ms_per_iter={msText}");
        return 0;
    }

    private int Workload(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (CudaMissing(stderr, "decode_attention.py: CUDA is not available (torch.cuda.is_available() is False); this workload needs an NVIDIA GPU")) return 1;
        var f = Flags(args);
        var t = Int(f, "--tkv", 8192);
        var bounded = f.GetValueOrDefault("--variant", "full") == "bounded";
        var sinks = Int(f, "--sinks", 4);
        var window = Int(f, "--window", 4096);
        var iters = Int(f, "--iters", 100);
        if (Crashed(stdout, stderr)) return 1;
        var noise = settings.NoiseFor("decode-workload", args);
        var ms = noise.Jitter(DecodeTimingModel.WorkloadMs(P, t, bounded, sinks, window) * settings.SlowDown, P.NoisePct);
        var peak = DecodeTimingModel.WorkloadPeakMib(t, bounded, sinks, window);
        stdout.WriteLine($"hydra_decode B=1 H=32 Hkv=8 Tkv={t} D=128 window={(bounded ? window : 0)} iters={iters} " +
            $"ms_per_iter={(settings.HasFault("garbage") ? "nan" : ms.ToString("0.0000", CultureInfo.InvariantCulture))} peak_mem_mb={peak.ToString("0.00", CultureInfo.InvariantCulture)}");
        return 0;
    }

    private int Readme(TextWriter stdout, TextWriter stderr)
    {
        if (CudaMissing(stderr, "Hydra requires CUDA for this example")) return 1;
        stdout.WriteLine("Hydra decode: (1, 32, 1, 128) x (1, 8, 8192, 128) -> (1, 32, 1, 128)");
        return 0;
    }

    private int Pytest(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? junit = null;
        string? marker = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--junitxml=", StringComparison.Ordinal)) junit = args[i]["--junitxml=".Length..];
            else if (args[i] == "-m" && i + 1 < args.Length) marker = args[++i];
        }
        // The packet's six tests: 4 CPU (imports, CSR) and 2 CUDA parity tests that skip without a GPU; none is marked kernels_ci.
        var cases = new List<(string Class, string Name, bool Cuda)>
        {
            ("tests.test_imports", "test_public_imports", false), ("tests.test_imports", "test_policy_defaults", false),
            ("tests.test_csr", "test_dense_causal_csr_cpu_contract", false), ("tests.test_csr", "test_sliding_window_csr_keeps_diagonal_last", false),
            ("tests.test_decode_parity", "test_decode_matches_sdpa_full_kv", true), ("tests.test_decode_parity", "test_decode_matches_sdpa_sliding_window", true),
        };
        var deselected = marker is not null ? cases.Count : 0;
        var selected = marker is not null ? [] : cases;
        var skipped = settings.HasFault("no-cuda") ? selected.Count(c => c.Cuda) : 0;
        var passed = selected.Count - skipped;
        if (junit is not null)
        {
            using var w = new StreamWriter(junit);
            w.Write($"<?xml version=\"1.0\" encoding=\"utf-8\"?><testsuites name=\"pytest tests\"><testsuite name=\"pytest\" errors=\"0\" failures=\"0\" skipped=\"{skipped}\" tests=\"{selected.Count}\" time=\"2.413\" timestamp=\"2026-05-18T10:00:00.000000+00:00\" hostname=\"emulated\">");
            foreach (var c in selected)
            {
                w.Write($"<testcase classname=\"{c.Class}\" name=\"{c.Name}\" time=\"0.101\"");
                w.Write(c.Cuda && settings.HasFault("no-cuda")
                    ? $"><skipped type=\"pytest.skip\" message=\"CUDA required\">/hydra/{c.Class.Replace('.', '/')}.py:12: CUDA required</skipped></testcase>" : " />");
            }
            w.Write("</testsuite></testsuites>");
        }
        var parts = new List<string>();
        if (passed > 0) parts.Add($"{passed} passed");
        if (skipped > 0) parts.Add($"{skipped} skipped");
        if (deselected > 0) parts.Add($"{deselected} deselected");
        stdout.WriteLine(parts.Count == 0 ? "no tests ran in 0.01s" : string.Join(", ", parts) + " in 2.41s");
        return passed + skipped == 0 ? 5 : 0;
    }

    private int KernelsBenchmark(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "benchmark") { stderr.WriteLine("usage: kernels benchmark <repo_id|path> [--iterations N] [--warmup N] [--json]"); return 2; }
        if (CudaMissing(stderr, "RuntimeError: CUDA is required for benchmarking")) return 1;
        if (Crashed(stdout, stderr)) return 1;
        var f = Flags(args);
        var iterations = Int(f, "--iterations", 100);
        var noise = settings.NoiseFor("kernels-benchmark", args);
        var mean = noise.Jitter(P.HfMeanMs * settings.SlowDown, P.NoisePct);
        var std = mean * P.NoisePct / 100 * 3;
        var r4 = (double v) => Math.Round(v, 4);
        var report = new
        {
            results = new[]
            {
                new
                {
                    workload = "HydraDecode.benchmark_decode_8192",
                    timingResults = new { mean_ms = r4(mean), std_ms = r4(std), min_ms = r4(mean - 2 * std), max_ms = r4(mean + 3 * std), q1_ms = r4(mean - 0.67 * std), q3_ms = r4(mean + 0.67 * std), iqr_ms = r4(1.34 * std), outliers = 1, iterations },
                },
            },
            machineInfo = new { gpu = P.Name, backend = "cuda", pytorchVersion = P.Torch, os = "Linux (emulated)", cpu = "emulated" },
            kernelCommitSha = "emulated",
            benchmarkScriptPath = "benchmarks/benchmark_hydra_decode.py",
        };
        stdout.WriteLine(settings.HasFault("garbage") ? "{\"results\": [" : JsonSerializer.Serialize(report));
        return 0;
    }
}
