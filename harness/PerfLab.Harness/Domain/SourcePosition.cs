namespace PerfLab.Harness.Domain;

/// <summary>A 1-based line and column in a source file, for error messages of the form path:line:col.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public static SourcePosition Unknown { get; } = new(0, 0);

    public override string ToString() => $"{Line}:{Column}";
}
