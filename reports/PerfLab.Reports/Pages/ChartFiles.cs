using System.Security.Cryptography;
using System.Text;

namespace PerfLab.Reports.Pages;

/// <summary>Stable, safe file names for the chart images (PNG) saved beside the Markdown pages.</summary>
public static class ChartFiles
{
    /// <summary>"charts/trend-hailo10h-fps-1a2b3c4d.png": a readable slug plus a hash of the full identity, so names never collide.</summary>
    public static string Name(string kind, params string[] identity)
    {
        var joined = string.Join("\u001f", identity);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\u001f" + joined)))[..8];
        return $"charts/{kind}-{Slug(string.Join("-", identity))}-{hash}.png";
    }

    public static string Slug(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
            if (sb.Length >= 48) break;
        }
        return sb.ToString().Trim('-') is { Length: > 0 } s ? s : "x";
    }
}
