using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Cuda;

/// <summary>The arguments every CUDA step shares: where the Hydra checkout is, which Python, extra env, script args, telemetry.</summary>
/// <remarks>Read with the same <see cref="ArgReader"/> calls in Validate and Execute, so what validates is what runs.</remarks>
internal sealed partial record CudaStepArgs(
    string? Checkout,
    string Python,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyList<string> Args,
    bool Telemetry,
    TimeSpan TelemetryInterval)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();

    public static CudaStepArgs Read(ArgReader r, bool checkoutRequired, bool telemetryByDefault)
    {
        var checkout = r.String("checkout", checkoutRequired);
        var python = r.String("python") ?? "python3";
        var env = r.StringMap("env") ?? new Dictionary<string, string>();
        if (r.Map["env"] is ArgMap envMap)
        {
            foreach (var e in envMap.Entries.Where(e => !EnvName().IsMatch(e.Key)))
                r.Problem(e.KeyPosition, $"'env.{e.Key}' is not a valid environment variable name");
        }
        var args = r.StringList("args") ?? [];
        var telemetry = r.Bool("telemetry") ?? telemetryByDefault;
        var interval = r.Duration("telemetry_interval") ?? DefaultInterval;
        if (interval < TimeSpan.FromMilliseconds(50) && r.Map.Has("telemetry_interval"))
            r.Problem(r.Map["telemetry_interval"]!.Position, "'telemetry_interval' must be at least 50ms (nvidia-smi cannot sample faster usefully)");
        if (python.Trim().Length == 0 && r.Map["python"] is { } p) r.Problem(p.Position, "'python' must name an interpreter");
        return new CudaStepArgs(checkout, python, env, args, telemetry, interval);
    }
}
