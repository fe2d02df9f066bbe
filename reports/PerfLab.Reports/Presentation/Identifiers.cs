using System.Text.RegularExpressions;

namespace PerfLab.Reports.Presentation;

/// <summary>Shortens long machine identifiers (GPU and MIG UUIDs, bare UUIDs) for display: the first eight hex digits, an ellipsis
/// and the last four, enough to tell a farm's devices apart (random UUIDs differ at the front, sequential ones at the end); pages
/// put the full value in a title (hover) beside it.</summary>
public static partial class Identifiers
{
    [GeneratedRegex(@"\b(?<prefix>(?:GPU|MIG)-)?(?<head>[0-9a-fA-F]{8})-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{8}(?<tail>[0-9a-fA-F]{4})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Uuid();

    /// <summary><paramref name="text"/> with every UUID cut to its first group and last four digits ("GPU-1a2b3c4d-…-0123456789ab"
    /// becomes "GPU-1a2b3c4d…89ab"); other text unchanged.</summary>
    public static string Shorten(string? text) =>
        string.IsNullOrEmpty(text) ? "" : Uuid().Replace(text, m => m.Groups["prefix"].Value + m.Groups["head"].Value + "\u2026" + m.Groups["tail"].Value);

    /// <summary>True when <see cref="Shorten"/> changes <paramref name="text"/> (the page then needs the full value on hover).</summary>
    public static bool IsShortened(string? text) => !string.IsNullOrEmpty(text) && Uuid().IsMatch(text);
}
