namespace PerfLab.Reports.Charts;

/// <summary>How a legend entry draws its sample.</summary>
internal enum LegendSwatch
{
    Line,
    Trace,
    DashedLine,
    Band,
    Bar,
    Whisker,
}

/// <summary>One legend entry: the sample mark and its label.</summary>
internal sealed record LegendEntry(string Label, LegendSwatch Swatch, string Color);
