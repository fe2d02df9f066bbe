namespace PerfLab.Tests.Runners.Processes;

/// <summary>Reads the pid files the hanging fake tools write, and checks through /proc that those processes ended.</summary>
internal static class ProcessTree
{
    /// <summary>Waits until a tool has written its complete pid file (it renames it into place when done).</summary>
    public static async Task<IReadOnlyList<int>> WaitForPidsAsync(string pidFile, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!File.Exists(pidFile))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{pidFile} was not written within {within}");
            await Task.Delay(20);
        }
        return ReadPids(pidFile);
    }

    public static IReadOnlyList<int> ReadPids(string pidFile) =>
        File.ReadAllLines(pidFile).Where(l => l.Trim().Length > 0).Select(l => int.Parse(l.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>True when the process is gone or a zombie (killed, only waiting for a parent that may never reap it).</summary>
    public static bool IsGone(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is "Z" or "X";
        }
        catch (IOException) { return true; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>The pids still alive after a short grace: a kill takes a moment to be delivered and reaped.</summary>
    public static async Task<IReadOnlyList<int>> SurvivorsAsync(IEnumerable<int> pids)
    {
        var list = pids.ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            var alive = list.Where(p => !IsGone(p)).ToList();
            if (alive.Count == 0 || DateTime.UtcNow > deadline) return alive;
            await Task.Delay(50);
        }
    }

    /// <summary>Kills leftovers so a failing test does not leave 300-second sleeps behind.</summary>
    public static void KillLeftovers(IEnumerable<int> pids)
    {
        foreach (var pid in pids.Where(p => !IsGone(p)))
        {
            try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
    }
}
