using System.Text.Json;

namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>One workload's timing from <c>kernels benchmark --json</c> (the "HF benchmark mean").</summary>
public sealed record KernelsBenchmarkResult(string Workload, double MeanMs, double? StdMs, int? Iterations, string? Gpu);

/// <summary>Reads the JSON report of the Hugging Face <c>kernels benchmark</c> CLI: <c>results[].timingResults.mean_ms</c>.</summary>
public static class KernelsBenchmarkJsonParser
{
    /// <param name="workload">Which <c>Class.method</c> to take; null takes the only result and refuses several.</param>
    public static Parsed<KernelsBenchmarkResult> Parse(string stdout, string? workload = null)
    {
        var start = stdout.IndexOf('{');
        var end = stdout.LastIndexOf('}');
        if (start < 0 || end < start) return Parsed<KernelsBenchmarkResult>.Fail("no JSON object in the kernels benchmark output");
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(stdout[start..(end + 1)]).RootElement;
        }
        catch (JsonException e)
        {
            return Parsed<KernelsBenchmarkResult>.Fail("kernels benchmark output is not valid JSON: " + e.Message);
        }
        if (!root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
            return Parsed<KernelsBenchmarkResult>.Fail("kernels benchmark JSON has no 'results' array");
        var all = results.EnumerateArray().ToList();
        var chosen = workload is null
            ? (all.Count == 1 ? all[0] : (JsonElement?)null)
            : all.FirstOrDefault(r => r.TryGetProperty("workload", out var w) && w.GetString() == workload);
        if (chosen is not { ValueKind: JsonValueKind.Object } result)
            return Parsed<KernelsBenchmarkResult>.Fail(workload is null ? $"{all.Count} results; name the workload to take" : $"no result for workload '{workload}'");
        if (!result.TryGetProperty("timingResults", out var t) || !t.TryGetProperty("mean_ms", out var mean) || mean.ValueKind != JsonValueKind.Number
            || !double.IsFinite(mean.GetDouble()) || mean.GetDouble() <= 0)
            return Parsed<KernelsBenchmarkResult>.Fail("result has no positive timingResults.mean_ms");
        double? std = t.TryGetProperty("std_ms", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : null;
        int? iters = t.TryGetProperty("iterations", out var it) && it.ValueKind == JsonValueKind.Number ? it.GetInt32() : null;
        string? gpu = root.TryGetProperty("machineInfo", out var mi) && mi.TryGetProperty("gpu", out var g) ? g.GetString() : null;
        var name = result.TryGetProperty("workload", out var wl) ? wl.GetString() ?? "" : "";
        return Parsed<KernelsBenchmarkResult>.Of(new KernelsBenchmarkResult(name, mean.GetDouble(), std, iters, gpu));
    }
}
