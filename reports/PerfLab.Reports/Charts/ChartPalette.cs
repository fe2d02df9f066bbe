namespace PerfLab.Reports.Charts;

/// <summary>Colours of the charts: the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies) and neutral greys.</summary>
public static class ChartPalette
{
    public const string Blue = "#0072B2";
    public const string Orange = "#E69F00";
    public const string BluishGreen = "#009E73";
    public const string ReddishPurple = "#CC79A7";
    public const string SkyBlue = "#56B4E9";
    public const string Vermillion = "#D55E00";

    public const string Text = "#1F2328";
    public const string MutedText = "#57606A";
    public const string Axis = "#8C959F";
    public const string Grid = "#E6E8EB";
    public const string Background = "#FFFFFF";
    public const string Shade = "#9AA4AE";

    public const string Regression = Vermillion;
    public const string Improvement = BluishGreen;

    /// <summary>Colours for the series of one chart, in order.</summary>
    public static IReadOnlyList<string> Series { get; } = [Blue, Orange, BluishGreen, ReddishPurple, SkyBlue];

}
