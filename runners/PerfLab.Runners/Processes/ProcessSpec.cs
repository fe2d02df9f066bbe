namespace PerfLab.Runners.Processes;

/// <summary>What to start: an argv (never a shell unless the argv names one), its environment, folder and limits.</summary>
/// <param name="Environment">Variables to set; a null value removes the variable from the inherited environment.</param>
/// <param name="OutputCapBytes">How much of each stream is kept in memory; the hash always covers everything.</param>
public sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment,
    TimeSpan Timeout,
    long OutputCapBytes = ProcessSpec.DefaultOutputCap,
    string? StandardInput = null)
{
    public const long DefaultOutputCap = 4 * 1024 * 1024;

    /// <summary>The command line as a person would type it, for logs and error messages.</summary>
    public string Display => string.Join(" ", new[] { FileName }.Concat(Arguments).Select(Quote));

    private static string Quote(string a) =>
        a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'";
}
