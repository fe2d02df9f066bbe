using System.Runtime.InteropServices;

namespace PerfLab.Runners.Processes;

/// <summary>Signals a whole process group, so a killed step takes every child and grandchild with it.</summary>
internal static class ProcessGroup
{
    private const int SigKill = 9;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Sends SIGKILL to the process group led by <paramref name="leaderPid"/>; false where unsupported.</summary>
    public static bool KillGroup(int leaderPid)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return false;
        try { return Kill(-leaderPid, SigKill) == 0; }
        catch (DllNotFoundException) { return false; }
        catch (EntryPointNotFoundException) { return false; }
    }
}
