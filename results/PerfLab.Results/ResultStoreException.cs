namespace PerfLab.Results;

/// <summary>A results database that cannot be used as asked: newer schema, foreign file, unknown run, a case that could not be stored.</summary>
public sealed class ResultStoreException : Exception
{
    public ResultStoreException(string message) : base(message) { }

    public ResultStoreException(string message, Exception inner) : base(message, inner) { }
}
