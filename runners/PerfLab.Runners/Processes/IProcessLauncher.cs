namespace PerfLab.Runners.Processes;

/// <summary>Starts a process and waits for it within its timeout; the seam runners are tested through.</summary>
public interface IProcessLauncher
{
    /// <summary>Runs the process to completion, timeout or cancellation. Never throws for the process's own failure.</summary>
    Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken);
}
