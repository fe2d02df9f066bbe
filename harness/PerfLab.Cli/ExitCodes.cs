namespace PerfLab.Cli;

/// <summary>The exit codes every verb uses, so a CI system can act on them (see docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for ran and passed.</summary>
    public const int Success = 0;

    /// <summary>Some case failed (its result and reason are stored), a gate found a regression, or the disk under the database
    /// failed (full, read-only): the host needs an operator, not a different command line.</summary>
    public const int Failed = 1;

    /// <summary>Invalid input or usage: a bad suite, an unknown option, a missing file. Nothing was run.</summary>
    public const int InvalidInput = 2;

    /// <summary>A gate needs a person: errors or no baseline.</summary>
    public const int ActionRequired = 3;

    /// <summary>Interrupted (Ctrl-C / SIGTERM); runs in flight are stored as aborted.</summary>
    public const int Interrupted = 130;
}
