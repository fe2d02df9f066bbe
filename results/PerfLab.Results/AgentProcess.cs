namespace PerfLab.Results;

/// <summary>The agent process that owns a running run: enough to tell later whether that very process is still alive.</summary>
/// <param name="StartToken">What <see cref="ProcessStartToken.Read"/> returned for the process when the run began; null when unreadable.</param>
public sealed record AgentProcess(int Pid, string HostName, string? StartToken)
{
    /// <summary>This process, on this machine.</summary>
    public static AgentProcess Current() =>
        new(Environment.ProcessId, Environment.MachineName, ProcessStartToken.Read(Environment.ProcessId));
}
