namespace PerfLab.Reports.Presentation;

/// <summary>Makes the titles on one page unique: a title that occurs more than once gets its qualifier (e.g. the suite or the
/// comparability key) appended, and any that still collide a running number.</summary>
public static class UniqueTitles
{
    /// <summary>The titles in order, each unique.</summary>
    public static IReadOnlyList<string> Make(IReadOnlyList<(string Title, string Qualifier)> items)
    {
        var counts = items.GroupBy(i => i.Title, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var qualified = items.Select(i => counts[i.Title] > 1 && i.Qualifier.Length > 0 ? $"{i.Title} ({i.Qualifier})" : i.Title).ToList();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = qualified.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return qualified.Select(t =>
        {
            if (total[t] == 1) return t;
            var n = seen[t] = seen.GetValueOrDefault(t) + 1;
            return $"{t} #{n}";
        }).ToList();
    }
}
