using System.Globalization;

namespace PerfLab.Harness.Farm;

/// <summary>Who holds a device lock, as the holder wrote it beside the lock file (for messages only; the OS lock is the truth).</summary>
public sealed record LockHolder(int Pid, string Host, DateTimeOffset Since, string Purpose)
{
    /// <summary>One line per field, <c>key=value</c>; purpose last since it may hold anything but a newline.</summary>
    public string ToText() => string.Create(CultureInfo.InvariantCulture,
        $"pid={Pid}\nhost={Host}\nsince={Since.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\npurpose={Purpose.ReplaceLineEndings(" ")}\n");

    /// <summary>Reads what <see cref="ToText"/> wrote; null for a missing, partial or foreign note.</summary>
    public static LockHolder? Parse(string text)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var eq = line.IndexOf('=');
            if (eq > 0) map[line[..eq]] = line[(eq + 1)..];
        }
        if (!map.TryGetValue("pid", out var pidText) || !int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return null;
        if (!map.TryGetValue("since", out var sinceText)
            || !DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)) return null;
        return new LockHolder(pid, map.GetValueOrDefault("host", "?"), since, map.GetValueOrDefault("purpose", ""));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"pid {Pid} on {Host} since {Since.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z ({Purpose})");
}
