namespace PerfLab.Reports.Presentation;

/// <summary>Rules that say each exclusion once: a reason is not repeated in its own detail, and results that share device, reason,
/// detail, build and run are one line with a count.</summary>
public static class ExclusionGrouping
{
    /// <summary>The detail without a leading copy of the reason ("dependency-check-failed — step …" becomes "step …").</summary>
    public static string DetailWithoutReason(string reason, string detail)
    {
        if (string.IsNullOrEmpty(detail) || reason.Length == 0 || !detail.StartsWith(reason, StringComparison.Ordinal)) return detail ?? "";
        var rest = detail[reason.Length..].TrimStart();
        foreach (var separator in new[] { "\u2014", ":", "-" })
        {
            if (rest.StartsWith(separator, StringComparison.Ordinal)) return rest[separator.Length..].TrimStart();
        }
        return rest.Length == 0 ? "" : detail;
    }

    /// <summary>The reasons other than the primary one, in their order (the primary is printed once, beside them).</summary>
    public static IReadOnlyList<string> OtherReasons(string primary, IEnumerable<string> all) =>
        all.Where(r => r != primary).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Groups items by <paramref name="key"/>, keeping first-seen order of groups and of items within them.</summary>
    public static IReadOnlyList<IReadOnlyList<T>> Group<T, TKey>(IEnumerable<T> items, Func<T, TKey> key) where TKey : notnull
    {
        var order = new List<TKey>();
        var groups = new Dictionary<TKey, List<T>>();
        foreach (var item in items)
        {
            var k = key(item);
            if (!groups.TryGetValue(k, out var list))
            {
                groups[k] = list = [];
                order.Add(k);
            }
            list.Add(item);
        }
        return order.Select(k => (IReadOnlyList<T>)groups[k]).ToList();
    }
}
