using System.Text;
using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Farm;

/// <summary>The CI runner labels of the farm: what a self-hosted runner with a device carries, and what a suite's job asks for.</summary>
/// <remarks>
/// A label is <c>perflab-FAMILY</c>, or <c>perflab-FAMILY-VALUE</c> for the first of <see cref="DiscriminatingKeys"/> a
/// selector pins (e.g. <c>perflab-hailo-HAILO10H</c>, <c>perflab-cuda-NVIDIA-H100-80GB-HBM3</c>). A device carries its family
/// label and one label per discriminating key it has, so every job label derived from a selector the device matches is among
/// the device's labels. A selector without a family means any device; its job goes to <c>perflab-host</c>, which every agent has.
/// </remarks>
public static class CiLabels
{
    public const string Prefix = "perflab-";

    /// <summary>The label of a host with PerfLab on it (its CPU is always a device).</summary>
    public const string Host = Prefix + "host";

    /// <summary>Device labels that split a family into runner classes, in order of preference.</summary>
    public static IReadOnlyList<string> DiscriminatingKeys { get; } = ["arch", "model", "gpu"];

    /// <summary>Every label a runner with this device should carry.</summary>
    public static IReadOnlyList<string> ForDevice(Device device)
    {
        var family = device.Labels.TryGetValue("family", out var f) ? f : device.Family;
        var labels = new List<string> { Label(family) };
        foreach (var key in DiscriminatingKeys)
        {
            if (device.Labels.TryGetValue(key, out var v) && v.Length > 0) labels.Add(Label(family, v));
        }
        return labels.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The job labels a selector asks for: one per family value (× the values of the first discriminating key it pins).</summary>
    public static IReadOnlyList<string> ForSelector(DeviceSelector? selector)
    {
        if (selector is null || !selector.Labels.TryGetValue("family", out var families) || families.Count == 0) return [Host];
        var key = DiscriminatingKeys.FirstOrDefault(k => selector.Labels.TryGetValue(k, out var vs) && vs.Count > 0);
        if (key is null) return families.Select(f => Label(f)).Distinct(StringComparer.Ordinal).ToList();
        return families.SelectMany(f => selector.Labels[key].Select(v => Label(f, v))).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Labels allow letters, digits, '-', '_' and '.'; anything else (spaces in GPU names) becomes '-'.</summary>
    public static string Label(string family, string? value = null)
    {
        var text = new StringBuilder(Prefix);
        Append(text, family.ToLowerInvariant());
        if (value is not null)
        {
            text.Append('-');
            Append(text, value);
        }
        return text.ToString();
    }

    private static void Append(StringBuilder text, string part)
    {
        foreach (var c in part.Trim())
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c is '_' or '.';
            if (ok) text.Append(c);
            else if (text.Length > 0 && text[^1] != '-') text.Append('-');
        }
        while (text.Length > 0 && text[^1] == '-') text.Length--;
    }
}
