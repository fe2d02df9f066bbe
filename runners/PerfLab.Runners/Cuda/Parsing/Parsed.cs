namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>What a pure parser returns: a value, or why the text held none (never both).</summary>
public sealed record Parsed<T>(T? Value, string? Error) where T : class
{
    public bool Ok => Value is not null;

    public static Parsed<T> Of(T value) => new(value, null);

    public static Parsed<T> Fail(string error) => new(null, error);
}
