namespace PerfLab.Results;

/// <summary>A results database that cannot be used as asked: newer schema, foreign file, unknown run, a case that could not be stored.</summary>
public sealed class ResultStoreException : Exception
{
    public ResultStoreException(string message) : base(message) { }

    public ResultStoreException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The disk under the database failed (full, read-only, not writable), not the input: the host needs an operator,
    /// and the command exits as a failed run rather than as a usage error.</summary>
    public bool IsStorageFault { get; init; }
}
