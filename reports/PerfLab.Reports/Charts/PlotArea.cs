namespace PerfLab.Reports.Charts;

/// <summary>The rectangle data is drawn in, in SVG user units.</summary>
internal readonly record struct PlotArea(double Left, double Top, double Width, double Height)
{
    public double Right => Left + Width;

    public double Bottom => Top + Height;
}

/// <summary>Maps a value range linearly onto a pixel range (which may run backwards, as a y axis does).</summary>
internal readonly record struct LinearScale(double DomainMin, double DomainMax, double RangeStart, double RangeEnd)
{
    public static LinearScale Vertical(NiceTicks ticks, PlotArea plot) => new(ticks.Min, ticks.Max, plot.Bottom, plot.Top);

    public static LinearScale Horizontal(NiceTicks ticks, PlotArea plot) => new(ticks.Min, ticks.Max, plot.Left, plot.Right);

    public double Map(double value) =>
        RangeStart + (value - DomainMin) / (DomainMax - DomainMin) * (RangeEnd - RangeStart);
}

/// <summary>Splits a pixel range into equal slots, one per category (build, device), and puts each category at its slot's centre.</summary>
internal readonly record struct BandScale(int Count, double Start, double Length)
{
    public double Slot => Length / Math.Max(1, Count);

    public double Center(int index) => Start + (index + 0.5) * Slot;
}
