namespace PerfLab.Reports.Pages;

/// <summary>How much of a verdict table a page lists. A farm's nightly judges tens of thousands of series, nearly all "no
/// change": pages then list every other verdict and count the rest, which report.json still holds row by row.</summary>
public sealed record VerdictListing(IReadOnlyList<VerdictRow> Rows, int NoChangeNotListed)
{
    /// <summary>Tables up to this many rows are listed whole.</summary>
    public const int MaxRows = 1000;

    public static VerdictListing Of(IReadOnlyList<VerdictRow> all)
    {
        if (all.Count <= MaxRows) return new VerdictListing(all, 0);
        var listed = all.Where(r => r.Verdict != "no-change").ToList();
        return new VerdictListing(listed, all.Count - listed.Count);
    }
}
