using System.Globalization;

namespace PerfLab.Runners.Emulation.Cuda;

/// <summary>An nvidia-smi for an emulated GPU: <c>--help-query-gpu</c>, <c>--query-gpu=... --format=csv[,noheader][,nounits]</c>,
/// <c>-i</c>, and <c>-lms</c>/<c>-l</c> sampling until killed.</summary>
/// <remarks>Drivers from 555 list the <c>clocks_event_reasons</c> spelling with the old one as alias; older ones only
/// <c>clocks_throttle_reasons</c>, as real drivers do. One-shot rows read as an idle GPU, sampling rows as a loaded one.</remarks>
public sealed class EmulatedNvidiaSmi(CudaEmulatorSettings settings, Action<TimeSpan> sleep)
{
    private static readonly string[] Reasons = ["gpu_idle", "applications_clocks_setting", "sw_power_cap", "hw_slowdown", "hw_thermal_slowdown", "hw_power_brake_slowdown", "sw_thermal_slowdown", "sync_boost"];

    private GpuProfile P => settings.Profile;

    private bool NewSpelling => int.TryParse(P.Driver.Split('.')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var major) && major >= 555;

    /// <summary>Field entries as --help-query-gpu lists them: every name of one field (aliases first-class).</summary>
    private IReadOnlyList<string[]> Catalog()
    {
        string[][] fixedFields =
        [
            ["timestamp"], ["driver_version"], ["index"], ["name"], ["serial"], ["uuid"], ["pci.bus_id", "gpu_bus_id"], ["vbios_version"],
            ["compute_cap"], ["pstate"], ["memory.total"], ["memory.used"], ["memory.free"], ["utilization.gpu"], ["utilization.memory"],
            ["temperature.gpu"], ["power.draw"], ["power.limit"], ["clocks.current.sm", "clocks.sm"], ["clocks.current.memory", "clocks.mem"],
            ["clocks.max.sm"],
        ];
        var list = new List<string[]>(fixedFields);
        list.Add(NewSpelling ? ["clocks_event_reasons.active", "clocks_throttle_reasons.active"] : ["clocks_throttle_reasons.active"]);
        foreach (var r in Reasons)
            list.Add(NewSpelling ? [$"clocks_event_reasons.{r}", $"clocks_throttle_reasons.{r}"] : [$"clocks_throttle_reasons.{r}"]);
        return list;
    }

    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Contains("--help-query-gpu"))
        {
            stdout.WriteLine("List of valid properties to query for the switch \"--query-gpu=\":");
            stdout.WriteLine();
            foreach (var names in Catalog())
            {
                stdout.WriteLine(string.Join(" or ", names.Select(n => $"\"{n}\"")));
                stdout.WriteLine($"Emulated value of {names[0]} for a \"{P.Name}\".");
                stdout.WriteLine();
            }
            return 0;
        }
        string? query = null, format = null, gpu = null;
        int? loopMs = null;
        for (var i = 0; i < args.Length; i++)
        {
            string? Next() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case var a when a.StartsWith("--query-gpu=", StringComparison.Ordinal): query = a["--query-gpu=".Length..]; break;
                case "--query-gpu": query = Next(); break;
                case var a when a.StartsWith("--format=", StringComparison.Ordinal): format = a["--format=".Length..]; break;
                case "-i" or "--id": gpu = Next(); break;
                case var a when a.StartsWith("--id=", StringComparison.Ordinal): gpu = a["--id=".Length..]; break;
                case "-lms" or "--loop-ms": loopMs = int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? ms : -1; break;
                case "-l" or "--loop": loopMs = int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s * 1000 : -1; break;
                default:
                    stderr.WriteLine($"Invalid combination of input arguments. Please run 'nvidia-smi -h' for help. ({args[i]})");
                    return 2;
            }
        }
        if (query is null)
        {
            stdout.WriteLine($"Emulated NVIDIA-SMI  Driver Version: {P.Driver}  CUDA Version: {P.Cuda}");
            stdout.WriteLine($"GPU 0: {P.Name} (UUID: {P.Uuid})");
            return 0;
        }
        if (loopMs is < 1) { stderr.WriteLine("Invalid loop interval."); return 2; }
        if (gpu is not null && gpu != "0" && gpu != P.Uuid) { stderr.WriteLine($"No devices were found matching '{gpu}'"); return 6; }
        var fields = query.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var known = Catalog().SelectMany(n => n).ToHashSet(StringComparer.Ordinal);
        if (fields.FirstOrDefault(f => !known.Contains(f)) is { } bad)
        {
            stderr.WriteLine($"Field \"{bad}\" is not a valid field to query.");
            return 2;
        }
        var opts = (format ?? "csv").Split(',');
        var units = !opts.Contains("nounits");
        if (!opts.Contains("noheader")) stdout.WriteLine(string.Join(", ", fields.Select(f => Unit(f) is { } u ? $"{f} [{u}]" : f)));
        if (loopMs is null)
        {
            stdout.WriteLine(Row(fields, loaded: false, units, settings.NoiseFor("nvidia-smi", args)));
            return 0;
        }
        var noise = settings.NoiseFor("nvidia-smi", args);
        for (var row = 0; row < settings.MaxLoopRows; row++)
        {
            stdout.WriteLine(Row(fields, loaded: true, units, noise));
            stdout.Flush();
            sleep(TimeSpan.FromMilliseconds(loopMs.Value));
        }
        return 0;
    }

    private static string? Unit(string field) => field switch
    {
        "power.draw" or "power.limit" => "W",
        "clocks.current.sm" or "clocks.sm" or "clocks.current.memory" or "clocks.mem" or "clocks.max.sm" => "MHz",
        "memory.total" or "memory.used" or "memory.free" => "MiB",
        "utilization.gpu" or "utilization.memory" => "%",
        _ => null,
    };

    private string Row(string[] fields, bool loaded, bool units, EmulatorNoise noise)
    {
        // A GPU held in thermal slowdown reports it in every query, one-shot readings included; that also keeps
        // the flag visible when a step ends before the looping sampler's first row (a slow start on a loaded host).
        var throttled = settings.HasFault("throttle");
        var cells = fields.Select(f =>
        {
            var v = Value(f, loaded, throttled, noise);
            return units && Unit(f) is { } u && v.Length > 0 && char.IsAsciiDigit(v[0]) ? $"{v} {u}" : v;
        });
        return string.Join(", ", cells);
    }

    private string Value(string f, bool loaded, bool throttled, EmulatorNoise noise)
    {
        static string N(double v, string fmt = "0") => v.ToString(fmt, CultureInfo.InvariantCulture);
        var reason = f.Contains("_reasons.", StringComparison.Ordinal) ? f[(f.IndexOf("_reasons.", StringComparison.Ordinal) + "_reasons.".Length)..] : null;
        if (reason is not null)
        {
            if (reason == "active") return throttled ? "0x0000000000000020" : loaded ? "0x0000000000000000" : "0x0000000000000001";
            var active = (reason == "sw_thermal_slowdown" && throttled) || (reason == "gpu_idle" && !loaded);
            return active ? "Active" : "Not Active";
        }
        return f switch
        {
            "timestamp" => DateTime.Now.ToString("yyyy/MM/dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            "driver_version" => P.Driver,
            "index" => "0",
            "name" => P.Name,
            "serial" => "[N/A]",
            "uuid" => P.Uuid,
            "pci.bus_id" or "gpu_bus_id" => "00000000:01:00.0",
            "vbios_version" => "[N/A]",
            "compute_cap" => P.ComputeCapability,
            "pstate" => loaded ? "P0" : "P8",
            "memory.total" => N(P.MemoryTotalMib),
            "memory.used" => N(loaded ? Math.Min(P.MemoryTotalMib, 900 + noise.Jitter(400, 5)) : 5),
            "memory.free" => N(P.MemoryTotalMib - (loaded ? 1300 : 5)),
            "utilization.gpu" => N(loaded ? Math.Min(100, noise.Jitter(97, 2)) : 0),
            "utilization.memory" => N(loaded ? Math.Min(100, noise.Jitter(60, 5)) : 0),
            "temperature.gpu" => N(throttled ? P.LoadCelsius + 20 : loaded ? noise.Jitter(P.LoadCelsius, 2) : P.IdleCelsius),
            "power.draw" => N(loaded ? Math.Min(P.PowerLimitWatts, noise.Jitter(P.LoadWatts, 3)) : P.IdleWatts, "0.00"),
            "power.limit" => N(P.PowerLimitWatts, "0.00"),
            "clocks.current.sm" or "clocks.sm" => N(throttled ? P.SmMaxMhz * 0.7 : loaded ? P.SmMaxMhz : 210),
            "clocks.current.memory" or "clocks.mem" => N(loaded ? P.MemClockMhz : 405),
            "clocks.max.sm" => N(P.SmMaxMhz),
            _ => "[N/A]",
        };
    }
}
