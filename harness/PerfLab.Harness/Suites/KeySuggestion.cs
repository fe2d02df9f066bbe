namespace PerfLab.Harness.Suites;

/// <summary>Finds the known name closest to a misspelt one, for "did you mean" hints.</summary>
public static class KeySuggestion
{
    /// <summary>The closest candidate when it is close enough to be a likely typo, else null.</summary>
    public static string? Closest(string written, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var list = candidates.ToList();
        // A cut-short key ("budget" for "budget_pct") is far from its full name by edits but plainly meant.
        var extended = written.Length >= 3 ? list.Where(c => c.StartsWith(written, StringComparison.OrdinalIgnoreCase)).ToList() : [];
        if (extended.Count == 1) return extended[0];
        foreach (var c in list)
        {
            var d = Distance(written.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        if (best is null) return null;
        // One edit in short names, up to three in long ones: more than that is a different word, not a typo.
        var allowed = Math.Clamp(best.Length / 3, 1, 3);
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>" ; did you mean 'x'?" or " (known: a, b)" to append to an unknown-name message.</summary>
    public static string Hint(string written, IReadOnlyCollection<string> known)
    {
        var closest = Closest(written, known);
        if (closest is not null) return $"; did you mean '{closest}'?";
        return known.Count == 0 ? "" : $" (known: {string.Join(", ", known)})";
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
