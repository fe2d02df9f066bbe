namespace PerfLab.Reports.Presentation;

/// <summary>Legend and label wording that says each thing once.</summary>
public static class LegendText
{
    /// <summary>"label value" unless the label already says the value ("gate max 85 °C" with "85 °C" stays as it is).</summary>
    public static string LabelWithValue(string label, string value) =>
        string.IsNullOrEmpty(value) || label.Contains(value, StringComparison.Ordinal) ? label : $"{label} {value}".Trim();
}
