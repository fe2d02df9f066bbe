namespace PerfLab.Harness.Devices;

/// <summary>Reads the CPU model name out of Linux's /proc/cpuinfo text.</summary>
public static class CpuInfoParser
{
    /// <summary>The first "model name" (x86) or "Model" / "Hardware" (Arm boards) value, or null.</summary>
    public static string? ModelName(string cpuinfo)
    {
        string? fallback = null;
        foreach (var line in cpuinfo.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (value.Length == 0) continue;
            if (key == "model name") return value;
            if (key is "Model" or "Hardware") fallback ??= value;
        }
        return fallback;
    }
}
