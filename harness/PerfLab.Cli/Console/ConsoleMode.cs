namespace PerfLab.Cli.Console;

/// <summary>Whether output goes to a person at a terminal (progress bars) or to a log (plain lines).</summary>
public static class ConsoleMode
{
    public static bool Interactive =>
        !System.Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && Environment.GetEnvironmentVariable("TERM") is not ("dumb" or null or "");
}
