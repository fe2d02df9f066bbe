using System.Globalization;

namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>Reads the single result line <c>benchmark_hydra_decode.py</c> (and PerfLab's decode workload) print.</summary>
/// <remarks>The format is the f-string in the Hydra benchmark: <c>hydra_decode B=.. H=.. Hkv=.. Tkv=.. D=.. window=..
/// iters=.. ms_per_iter=x.xxxx</c>; PerfLab's workload appends <c> peak_mem_mb=..</c>. Other output lines (warnings,
/// progress) are ignored, but exactly one result line must be present: two would make the figure ambiguous.</remarks>
public static class HydraDecodeLineParser
{
    private const string Prefix = "hydra_decode ";
    private static readonly string[] Required = ["B", "H", "Hkv", "Tkv", "D", "window", "iters", "ms_per_iter"];

    public static Parsed<HydraDecodeLine> Parse(string stdout)
    {
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r').Trim()).Where(l => l.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        if (lines.Count == 0) return Parsed<HydraDecodeLine>.Fail("no 'hydra_decode' result line in the output");
        if (lines.Count > 1) return Parsed<HydraDecodeLine>.Fail($"{lines.Count} 'hydra_decode' result lines in one invocation; expected exactly one");
        return ParseLine(lines[0]);
    }

    public static Parsed<HydraDecodeLine> ParseLine(string line)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in line[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = token.IndexOf('=');
            if (eq <= 0) return Parsed<HydraDecodeLine>.Fail($"malformed token '{token}' in '{line}'");
            if (!fields.TryAdd(token[..eq], token[(eq + 1)..])) return Parsed<HydraDecodeLine>.Fail($"field '{token[..eq]}' repeated in '{line}'");
        }
        var missing = Required.Where(k => !fields.ContainsKey(k)).ToList();
        if (missing.Count > 0) return Parsed<HydraDecodeLine>.Fail($"missing {string.Join(", ", missing)} in '{line}'");

        var ints = new Dictionary<string, int>();
        foreach (var key in Required[..^1])
        {
            if (!int.TryParse(fields[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < 0)
                return Parsed<HydraDecodeLine>.Fail($"{key}='{fields[key]}' is not a non-negative integer");
            ints[key] = v;
        }
        if (!TryPositive(fields["ms_per_iter"], out var ms))
            return Parsed<HydraDecodeLine>.Fail($"ms_per_iter='{fields["ms_per_iter"]}' is not a positive finite number");
        double? peak = null;
        if (fields.TryGetValue("peak_mem_mb", out var peakText))
        {
            if (!TryPositive(peakText, out var p)) return Parsed<HydraDecodeLine>.Fail($"peak_mem_mb='{peakText}' is not a positive finite number");
            peak = p;
        }
        if (ints["iters"] == 0) return Parsed<HydraDecodeLine>.Fail("iters=0: no timed call, so ms_per_iter measures nothing");
        return Parsed<HydraDecodeLine>.Of(new HydraDecodeLine(ints["B"], ints["H"], ints["Hkv"], ints["Tkv"], ints["D"], ints["window"], ints["iters"], ms, peak));
    }

    private static bool TryPositive(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && value > 0;
}
