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

    /// <summary>The titles in order, each unique: where titles collide, each gets the first of its qualifiers (e.g. suite, then
    /// comparability key) on which the colliding items all differ, so a title names no more than it must.</summary>
    public static IReadOnlyList<string> Make(IReadOnlyList<(string Title, IReadOnlyList<string> Qualifiers)> items)
    {
        var chosen = items.Select(i => (i.Title, Qualifier: "")).ToArray();
        foreach (var group in items.Select((item, index) => (item, index)).GroupBy(x => x.item.Title, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var members = group.ToList();
            var levels = members.Min(m => m.item.Qualifiers.Count);
            var level = Enumerable.Range(0, levels).FirstOrDefault(l => members.Select(m => m.item.Qualifiers[l]).Distinct(StringComparer.Ordinal).Count() == members.Count, -1);
            foreach (var (item, index) in members)
                chosen[index] = (item.Title, level >= 0 ? item.Qualifiers[level] : string.Join(", ", item.Qualifiers));
        }
        return Make(chosen.Select(c => (c.Title, c.Qualifier)).ToList());
    }
}
