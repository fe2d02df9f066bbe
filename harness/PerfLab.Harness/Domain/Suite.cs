namespace PerfLab.Harness.Domain;

/// <summary>A validated suite: what to run, on which devices, what it yields and how it is gated.</summary>
/// <param name="Sha256">Hash of the suite file's bytes; stored with every run so an edited suite is visible.</param>
public sealed record Suite(
    string Name,
    string Description,
    string Version,
    IReadOnlyList<DeviceSelector> Requires,
    EvidenceScope Scope,
    SuiteDefaults Defaults,
    IReadOnlyList<MatrixPoint> Matrix,
    IReadOnlyList<StepSpec> Steps,
    IReadOnlyList<MetricSpec> Metrics,
    SuiteThermal? Thermal,
    string SourcePath,
    string Sha256)
{
    public MetricSpec? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name);
}

/// <summary>Defaults every step inherits unless it overrides them.</summary>
public sealed record SuiteDefaults(int Repetitions, int WarmupRepetitions, TimeSpan Timeout)
{
    public static SuiteDefaults Standard { get; } = new(5, 1, TimeSpan.FromMinutes(10));
}

/// <summary>Thermal discipline for a case: cool down before measuring, abort above a limit.</summary>
/// <param name="CooldownTo">Wait before a case until the device reports this temperature or lower (°C).</param>
/// <param name="MaxWait">Longest cool-down wait; passing it is recorded, not fatal.</param>
/// <param name="AbortAbove">A case is aborted (aborted-thermal) when the device passes this temperature (°C).</param>
public sealed record SuiteThermal(double? CooldownTo, TimeSpan MaxWait, double? AbortAbove);

/// <summary>One point of the suite's matrix: values for every axis, and optionally a narrower device selector.</summary>
public sealed record MatrixPoint(IReadOnlyDictionary<string, string> Values, DeviceSelector? Requires)
{
    public static MatrixPoint Empty { get; } = new(new Dictionary<string, string>(), null);

    /// <summary>A short stable label such as "model=hydra,batch=1".</summary>
    public string Label => Values.Count == 0 ? "default" : string.Join(",", Values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
}

/// <summary>One step of a suite: which runner, its arguments, how many repetitions and which metrics it extracts.</summary>
/// <param name="Once">Run once, without warm-up (validation gates, dependency checks).</param>
/// <param name="Extract">For runners that read figures out of free text (the Command runner).</param>
public sealed record StepSpec(
    string Name,
    string Runner,
    ArgMap With,
    IReadOnlyList<ExtractSpec> Extract,
    int? Repetitions,
    int? WarmupRepetitions,
    TimeSpan? Timeout,
    bool Once,
    SourcePosition Position);

/// <summary>How one metric is read from a step's output.</summary>
public sealed record ExtractSpec(string Metric, ExtractKind Kind, string Expression, double Scale, SourcePosition Position);

/// <summary>Where an extracted figure comes from.</summary>
public enum ExtractKind
{
    /// <summary>A regex over stdout; the named group <c>value</c> (or the first named group) holds the number.</summary>
    Regex = 1,
    /// <summary>A JSON path (<c>$.a.b[0]</c>) into stdout parsed as JSON (or its last JSON line).</summary>
    JsonPath = 2,
    /// <summary>The repetition's wall-clock time, in seconds times <see cref="ExtractSpec.Scale"/>.</summary>
    WallClock = 3,
}
