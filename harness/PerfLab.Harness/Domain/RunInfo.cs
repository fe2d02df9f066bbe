namespace PerfLab.Harness.Domain;

/// <summary>One execution of a suite on one host and device at one build.</summary>
public sealed record RunInfo(
    string Id,
    string Suite,
    string SuiteVersion,
    string SuiteSha256,
    EvidenceScope Scope,
    string Build,
    string Branch,
    IReadOnlyDictionary<string, string> Tags,
    HostInfo Host,
    Device Device,
    string AgentVersion,
    IReadOnlyDictionary<string, string> Environment,
    DateTimeOffset StartedAt,
    IReadOnlyList<MetricSpec> Metrics);

/// <summary>The machine an agent runs on.</summary>
public sealed record HostInfo(string Name, string Os, string Architecture, int ProcessorCount, string CpuModel);
