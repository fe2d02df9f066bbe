using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;

namespace PerfLab.Harness.Suites;

/// <summary>Loads and validates suite files (docs/suite-format.md), reporting every problem with its line and column.</summary>
public sealed partial class SuiteLoader(RunnerCatalog catalog)
{
    /// <summary>Default cool-down wait when <c>thermal:</c> gives no <c>max_wait</c>.</summary>
    public static TimeSpan DefaultThermalMaxWait { get; } = TimeSpan.FromMinutes(5);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex SuiteName();

    /// <summary>Reads, hashes and validates the suite file at <paramref name="path"/>.</summary>
    public SuiteLoadResult Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failed(path, "no such file");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(path, "cannot read the file: " + ex.Message);
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            return Failed(path, $"the file is not valid UTF-8 (bad byte at offset {ex.Index})");
        }
        return Parse(text.TrimStart('\uFEFF'), path, bytes);
    }

    /// <summary>Validates suite text as if read from <paramref name="path"/>; the hash is of the text's UTF-8 bytes.</summary>
    public SuiteLoadResult LoadText(string text, string path) => Parse(text, path, Encoding.UTF8.GetBytes(text));

    private static SuiteLoadResult Failed(string path, string message) =>
        new(null, [new SuiteError(path, SourcePosition.Unknown, message)]);

    private SuiteLoadResult Parse(string text, string path, byte[] bytes)
    {
        var diagnostics = new SuiteDiagnostics(path);
        var root = YamlSourceReader.Read(text, diagnostics);
        var suite = root is null ? null : Build(root, path, Convert.ToHexStringLower(SHA256.HashData(bytes)), diagnostics);
        return diagnostics.Any ? new SuiteLoadResult(null, diagnostics.Sorted()) : new SuiteLoadResult(suite, []);
    }

    private Suite? Build(SourceNode root, string path, string sha256, SuiteDiagnostics diagnostics)
    {
        var top = MapReader.For(root, "", diagnostics);
        if (top is null) return null;

        var name = top.Scalar("name", required: true);
        if (name is not null && !SuiteName().IsMatch(name.Value))
        {
            diagnostics.Add(name.Position, $"suite name '{name.Value}' must match [a-z0-9][a-z0-9._-]* (lower case, digits, '.', '_', '-')");
        }
        var description = top.String("description", required: true);
        var version = top.String("version", required: true);
        var requires = top.Node("requires") is { } req ? SelectorReader.ReadList(req, "requires", diagnostics) : [];
        var scope = ReadScope(top);
        var defaults = ReadDefaults(top);
        var thermal = ReadThermal(top);
        var matrix = MatrixReader.Read(top.Node("matrix"), diagnostics);
        var metrics = MetricReader.Read(top.Node("metrics"), diagnostics);
        var declared = DeclaredMetricNames(top);
        var steps = StepReader.Read(top.Node("steps", required: true), catalog, declared, new StepVariables(matrix.Axes), diagnostics);
        top.RejectUnknownKeys();

        if (diagnostics.Any || name is null || description is null || version is null || requires is null || scope is null || defaults is null)
        {
            return null;
        }
        return new Suite(name.Value, description, version, requires, scope.Value, defaults, matrix.Points, steps, metrics,
            thermal, path, sha256);
    }

    // Extracts are checked against every name written under metrics:, even a metric with other problems,
    // so one typo in a metric does not also turn each of its extracts into an error.
    private static IReadOnlyList<string> DeclaredMetricNames(MapReader top) =>
        top.Node("metrics") is SourceList list
            ? list.Items.OfType<SourceMap>().Select(m => m.Find("name")?.Value).OfType<SourceScalar>().Select(s => s.Value).Distinct().ToList()
            : [];

    private static EvidenceScope? ReadScope(MapReader top)
    {
        var s = top.Scalar("scope", required: true);
        if (s is null) return null;
        if (EvidenceScopeNames.TryParse(s.Value, out var scope)) return scope;
        var known = EvidenceScopeNames.All.ToList();
        var closest = KeySuggestion.Closest(s.Value, known);
        var hint = closest is null ? $" (one of {string.Join(", ", known)})" : $"; did you mean '{closest}'?";
        top.Diagnostics.Add(s.Position, $"'scope' must be an evidence scope, got '{s.Value}'{hint}");
        return null;
    }

    private static SuiteDefaults? ReadDefaults(MapReader top)
    {
        var node = top.Node("defaults");
        if (node is null) return SuiteDefaults.Standard;
        var r = MapReader.For(node, "defaults", top.Diagnostics);
        if (r is null) return null;
        var standard = SuiteDefaults.Standard;
        var repetitions = r.Integer("repetitions", min: 1);
        var warmup = r.Integer("warmup", min: 0);
        var timeout = r.Duration("timeout");
        r.RejectUnknownKeys();
        return new SuiteDefaults(repetitions ?? standard.Repetitions, warmup ?? standard.WarmupRepetitions, timeout ?? standard.Timeout);
    }

    private static SuiteThermal? ReadThermal(MapReader top)
    {
        var node = top.Node("thermal");
        if (node is null) return null;
        var r = MapReader.For(node, "thermal", top.Diagnostics);
        if (r is null) return null;
        var cooldown = r.Number("cooldown_to");
        var maxWait = r.Duration("max_wait");
        var abort = r.Number("abort_above");
        r.RejectUnknownKeys();
        if (r.KeyPosition("cooldown_to") is null && r.KeyPosition("abort_above") is null)
        {
            top.Diagnostics.Add(r.Position, "'thermal' must give cooldown_to, abort_above or both");
            return null;
        }
        if (cooldown is { } c && abort is { } a && c >= a)
        {
            top.Diagnostics.Add(r.KeyPosition("cooldown_to")!.Value, $"'thermal.cooldown_to' ({c.ToString(CultureInfo.InvariantCulture)}) must be below 'thermal.abort_above' ({a.ToString(CultureInfo.InvariantCulture)})");
            return null;
        }
        return new SuiteThermal(cooldown, maxWait ?? DefaultThermalMaxWait, abort);
    }
}
