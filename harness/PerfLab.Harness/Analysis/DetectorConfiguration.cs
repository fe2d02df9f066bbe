namespace PerfLab.Harness.Analysis;

/// <summary>What produced a result: detector name, version and every parameter, stored with each alert so it can be re-run.</summary>
public sealed record DetectorConfiguration(string Name, string Version, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>"name version (k=v, ...)" for logs and report footers.</summary>
    public override string ToString() =>
        $"{Name} {Version} ({string.Join(", ", Parameters.Select(p => p.Key + "=" + p.Value))})";
}
