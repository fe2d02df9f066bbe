using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace PerfLab.Results;

/// <summary>Names one incarnation of a process id: pid numbers are reused, a pid plus its start time is not.</summary>
public static class ProcessStartToken
{
    /// <summary>A token for the live process <paramref name="pid"/>, or null when no such process is running (zombies count as gone).</summary>
    /// <remarks>On Linux: the boot id and /proc/&lt;pid&gt;/stat starttime (clock ticks since boot), so a pid reused after a reboot
    /// never matches. Elsewhere: the process start time reported by the runtime.</remarks>
    public static string? Read(int pid)
    {
        if (pid <= 0) return null;
        return OperatingSystem.IsLinux() ? ReadLinux(pid) : ReadPortable(pid);
    }

    /// <summary>True when <paramref name="pid"/> runs and is the same incarnation that produced <paramref name="token"/>.</summary>
    public static bool IsSameProcessAlive(int pid, string token) => Read(pid) is { } now && now == token;

    /// <summary>Reads the state and starttime fields of a /proc/&lt;pid&gt;/stat line; null when the line is malformed.</summary>
    /// <remarks>The command name (field 2) is in parentheses and may itself hold spaces and parentheses,
    /// so fields are counted from the last ')'.</remarks>
    public static (char State, long StartTime)? ParseProcStat(string statLine)
    {
        var close = statLine.LastIndexOf(')');
        if (close < 0) return null;
        var rest = statLine[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // rest[0] is field 3 (state); starttime is field 22.
        const int startTimeIndex = 22 - 3;
        if (rest.Length <= startTimeIndex || rest[0].Length != 1) return null;
        if (!long.TryParse(rest[startTimeIndex], NumberStyles.None, CultureInfo.InvariantCulture, out var start)) return null;
        return (rest[0][0], start);
    }

    private static string? ReadLinux(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }

        if (ParseProcStat(stat) is not { } parsed || parsed.State is 'Z' or 'X' or 'x') return null;
        string bootId;
        try { bootId = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim(); }
        catch (IOException) { bootId = "unknown-boot"; }
        return $"linux:{bootId}:{parsed.StartTime.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string? ReadPortable(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            if (p.HasExited) return null;
            return "start:" + p.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
        }
        catch (ArgumentException) { return null; }
        catch (InvalidOperationException) { return null; }
        catch (Win32Exception) { return null; }
        catch (NotSupportedException) { return null; }
    }
}
