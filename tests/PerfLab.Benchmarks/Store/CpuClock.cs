using System.Diagnostics;
using System.Runtime.InteropServices;

using PerfLab.Results;

namespace PerfLab.Benchmarks.Store;

/// <summary>CPU seconds used by this process and by its reaped children, for a load-independent cross-check of wall times.</summary>
internal static class CpuClock
{
    private const int RusageChildren = -1;

    public static double Self() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>User + system seconds of all waited-for children so far (Linux getrusage); null where unavailable.</summary>
    public static double? Children()
    {
        if (!OperatingSystem.IsLinux()) return null;
        var usage = new long[18];
        try
        {
            if (GetRusage(RusageChildren, usage) != 0) return null;
        }
        catch (DllNotFoundException) { return null; }
        catch (EntryPointNotFoundException) { return null; }
        // struct rusage starts with ru_utime and ru_stime, each { long tv_sec; long tv_usec; } on 64-bit Linux.
        return usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, [Out] long[] usage);
}
