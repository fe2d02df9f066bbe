using PerfLab.Reports.Charts;

namespace PerfLab.Reports.Presentation;

/// <summary>How a category axis (builds, devices along the bottom) prints its labels: every label whole (identifiers shortened,
/// anything longer than the cap cut with an ellipsis and given in full on hover), level when they fit their slots, else turned 45°
/// and thinned only as far as the turned labels' line height needs.</summary>
/// <param name="Texts">What each label prints.</param>
/// <param name="Shortened">Per label: the print differs from the full value (it needs a title).</param>
/// <param name="Depth">How far below the axis line the labels reach.</param>
/// <param name="Overhang">How far a turned label reaches left of its tick (the plot's left edge must leave room for the first).</param>
public sealed record AxisLabelLayout(IReadOnlyList<string> Texts, IReadOnlyList<bool> Shortened, bool Rotated, int Stride, double Depth, double Overhang)
{
    /// <summary>The angle turned labels are drawn at (negative: rising to the right, reading upwards from the tick).</summary>
    public const double Angle = -45;

    private static readonly double Cos = Math.Cos(Math.PI / 4);

    /// <summary>The layout for <paramref name="labels"/> on slots <paramref name="slotWidth"/> wide; no label prints wider than <paramref name="maxLabelWidth"/>.</summary>
    public static AxisLabelLayout For(IReadOnlyList<string> labels, double slotWidth, double fontSize, double maxLabelWidth = 160)
    {
        var maxChars = Math.Max(4, (int)Math.Floor(maxLabelWidth / SvgText.EstimateWidth("x", fontSize)));
        var texts = labels.Select(l => SvgText.Truncate(Identifiers.Shorten(l), maxChars)).ToList();
        var shortened = labels.Select((l, i) => texts[i] != l).ToList();
        if (labels.Count == 0) return new AxisLabelLayout(texts, shortened, false, 1, fontSize + 6, 0);
        var widest = texts.Max(t => SvgText.EstimateWidth(t, fontSize));
        if (widest + 8 <= slotWidth || labels.Count == 1)
            return new AxisLabelLayout(texts, shortened, false, 1, fontSize + 6, 0);
        // Level labels would need thinning: turned ones need only their line height (plus a gap) per shown slot.
        var stride = LabelThinning.Stride(labels.Count, slotWidth, fontSize * 1.5 / Cos, gap: 0);
        return new AxisLabelLayout(texts, shortened, true, stride, widest * Cos + fontSize * Cos + 8, widest * Cos);
    }
}
