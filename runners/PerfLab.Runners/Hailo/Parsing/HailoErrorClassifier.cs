using System.Globalization;
using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>Classifies a failed hailortcli call from its exit code and its stderr error chain.</summary>
/// <remarks>Matched by status code and substrings, never by line count: the number of propagation lines
/// ("CHECK_SUCCESS failed with status=...") varies between versions.</remarks>
public static partial class HailoErrorClassifier
{
    [GeneratedRegex(@"^\[(HailoRT(?: CLI)?)\] \[(error|critical|warning)\] (.*)$")]
    private static partial Regex LogLine();

    [GeneratedRegex(@"status ?= ?(HAILO_[A-Z0-9_]+)\((\d+)\)|status (HAILO_[A-Z0-9_]+)\((\d+)\)")]
    private static partial Regex StatusText();

    [GeneratedRegex(@"^(?:CHECK(?:_AS_EXPECTED)? failed - )")]
    private static partial Regex CheckPrefix();

    [GeneratedRegex(@"^CHECK(?:_SUCCESS|_EXPECTED|_SUCCESS_AS_EXPECTED)? failed with status=\S+(?: - (.*))?$")]
    private static partial Regex Propagation();

    /// <summary>Lines of the 5.x benchmark (stderr) saying the board cannot measure power or current.</summary>
    public static bool ReportsPowerUnsupported(string stderr) =>
        stderr.Contains("Measurement power is not supported", StringComparison.Ordinal)
        || stderr.Contains("Measurement current is not supported", StringComparison.Ordinal)
        || stderr.Contains("Power measurement not supported", StringComparison.Ordinal)
        || stderr.Contains("Current measurement not supported", StringComparison.Ordinal);

    public static HailoToolError Classify(int exitCode, string stderr)
    {
        var text = HailoText.Clean(stderr);
        var errors = text.Split('\n').Select(l => LogLine().Match(l.TrimEnd()))
            .Where(m => m.Success && m.Groups[2].Value != "warning")
            .Select(m => (Source: m.Groups[1].Value, Text: m.Groups[3].Value))
            .ToList();
        var (status, code) = FindStatus(text);
        code ??= exitCode;
        var message = Describe(errors, text, status, exitCode);

        FailureClass cls;
        var powerUnsupported = false;
        if (text.Contains("command is not supported for this device type", StringComparison.Ordinal))
            cls = FailureClass.RunRefused;
        else if (text.Contains("Power measurement not supported", StringComparison.Ordinal)
                 || text.Contains("Current measurement not supported", StringComparison.Ordinal))
        {
            cls = FailureClass.NonZeroExit;
            powerUnsupported = true;
        }
        else if (code == 64 || text.Contains("DRIVER_NOT_INSTALLED", StringComparison.Ordinal)
                 || text.Contains("Can't find hailort driver class", StringComparison.Ordinal)
                 || text.Contains("Can't find hailo pcie class", StringComparison.Ordinal))
            cls = FailureClass.DriverMissing;
        else if (code == 76 || text.Contains("Driver version mismatch", StringComparison.Ordinal)
                 || text.Contains("only supported in versions 4.x.x", StringComparison.Ordinal))
            cls = FailureClass.DriverMismatch;
        else if (code is 74 or 73 || text.Contains("not enough free devices", StringComparison.Ordinal))
            cls = FailureClass.NoFreeDevice;
        else if (code is 26 or 92 or 93 || text.Contains("HEF format is not compatible", StringComparison.Ordinal)
                 || (text.Contains("HEF arch", StringComparison.Ordinal) && text.Contains("is not valid", StringComparison.Ordinal)))
            cls = FailureClass.HefIncompatible;
        else if (code == 4)
            cls = FailureClass.Timeout;
        else
            cls = FailureClass.NonZeroExit;
        return new HailoToolError(cls, message, status, code, powerUnsupported);
    }

    private static (string? Status, int? Code) FindStatus(string text)
    {
        var m = StatusText().Match(text);
        if (!m.Success) return (null, null);
        var name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[3].Value;
        var number = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[4].Value;
        return (name, int.Parse(number, CultureInfo.InvariantCulture));
    }

    private static string Describe(List<(string Source, string Text)> errors, string text, string? status, int exitCode)
    {
        // Root cause: the first error line that says something beyond propagating a status.
        var root = errors.Select(e => e.Text).FirstOrDefault(t => !Propagation().IsMatch(t));
        root = root is null ? null : CheckPrefix().Replace(root, "");
        // Context: the CLI's last "... - <what it was doing>".
        var context = errors.Where(e => e.Source == "HailoRT CLI")
            .Select(e => Propagation().Match(e.Text))
            .LastOrDefault(m => m.Success && m.Groups[1].Success)?.Groups[1].Value;
        if (root is null)
        {
            var last = text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0 && !l.StartsWith("Run with --help", StringComparison.Ordinal));
            root = last ?? $"hailortcli exited with {exitCode} and printed nothing on stderr";
        }
        var parts = new List<string> { root };
        if (context is not null && context != root) parts.Add(context);
        if (status is not null) parts.Add(status + "(" + StatusCode(text) + ")");
        parts.Add("exit " + exitCode.ToString(CultureInfo.InvariantCulture));
        return string.Join("; ", parts);
    }

    private static string StatusCode(string text) => FindStatus(text).Code?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
