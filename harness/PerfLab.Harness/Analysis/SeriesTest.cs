namespace PerfLab.Harness.Analysis;

/// <summary>Which test a comparison's significance rests on (docs/gating.md §4 says when each is chosen).</summary>
public enum SeriesTest
{
    /// <summary>No test: an error, no baseline, or a breached absolute limit (which needs none).</summary>
    None = 0,

    /// <summary>Mann–Whitney on the samples (Hodges–Lehmann shift, Moses interval): repetitions on both sides.</summary>
    Rank = 1,

    /// <summary>The candidate's value against the distribution of recent build values (Student t prediction): one value or
    /// very few per build, judged on the history's build-to-build spread.</summary>
    BuildDistribution = 2,

    /// <summary>An absolute limit (min/max) decided the verdict.</summary>
    Limit = 3,
}

/// <summary>Wire names of <see cref="SeriesTest"/>.</summary>
public static class SeriesTestText
{
    /// <summary>"none", "rank", "build-distribution" or "limit".</summary>
    public static string ToWire(this SeriesTest test) => test switch
    {
        SeriesTest.Rank => "rank",
        SeriesTest.BuildDistribution => "build-distribution",
        SeriesTest.Limit => "limit",
        _ => "none",
    };
}
