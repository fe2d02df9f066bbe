namespace PerfLab.Results.Import;

/// <summary>One bad place in an imported file, printed as <c>FILE:LINE: message</c>.</summary>
public sealed record ImportProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
