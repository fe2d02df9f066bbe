using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>One univariate TCPD series with its annotators' change points and how many missing values were filled.</summary>
public sealed record TcpdSeries(string Name, IReadOnlyList<double> Values, IReadOnlyDictionary<string, IReadOnlyList<int>> Annotations, int MissingFilled);
