namespace PerfLab.Reports.Charts;

/// <summary>Decides which category labels (builds, devices) an axis prints so that neighbours never overlap.</summary>
public static class LabelThinning
{
    /// <summary>Print every k-th label: the smallest k for which the widest label plus a gap fits into k slots.</summary>
    public static int Stride(int count, double slotWidth, double widestLabel, double gap = 8)
    {
        if (count <= 1) return 1;
        if (slotWidth <= 0) return count;
        var k = (int)Math.Ceiling((widestLabel + gap) / slotWidth - 1e-9);
        return Math.Clamp(k, 1, count);
    }

    /// <summary>The indices printed with stride <paramref name="stride"/>, counted back from the last label so the newest is always shown.</summary>
    public static IReadOnlyList<int> Shown(int count, int stride)
    {
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "Stride must be at least 1.");
        var shown = new List<int>();
        for (var i = (count - 1) % stride; i < count; i += stride) shown.Add(i);
        return shown;
    }
}
