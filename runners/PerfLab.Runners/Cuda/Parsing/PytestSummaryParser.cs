using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>Reads pytest's final terminal summary line (<c>6 passed in 0.52s</c>, <c>== 4 passed, 2 skipped in 1.2s ==</c>,
/// <c>no tests ran in 0.01s</c>, <c>6 deselected in 0.01s</c>).</summary>
/// <remarks>Used as a cross-check of the JUnit report and, for gates such as <c>nix run .#ci-test</c> that produce no
/// report, as the only record of how many tests ran: an exit code of 0 with "6 deselected" is not a pass.</remarks>
public static partial class PytestSummaryParser
{
    [GeneratedRegex(@"^=*\s*(?<body>(?:no tests ran|\d+ (?:passed|failed|skipped|deselected|errors?|xfailed|xpassed|warnings?|rerun))(?:, \d+ (?:passed|failed|skipped|deselected|errors?|xfailed|xpassed|warnings?|rerun))*) in [\d.]+s(?: \([^)]*\))?\s*=*$")]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"(\d+) (passed|failed|skipped|deselected|errors?|xfailed|xpassed|warnings?|rerun)")]
    private static partial Regex Item();

    /// <summary>The counts of the last summary line in the output, or why there is none.</summary>
    public static Parsed<PytestCounts> Parse(string output)
    {
        var line = output.Split('\n').Select(l => StripAnsi(l.TrimEnd('\r')).Trim()).LastOrDefault(l => SummaryLine().IsMatch(l));
        if (line is null) return Parsed<PytestCounts>.Fail("no pytest summary line (\"N passed in Xs\" or \"no tests ran\") in the output");
        int Count(string word) => Item().Matches(line).Where(m => m.Groups[2].Value.TrimEnd('s') == word.TrimEnd('s'))
            .Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        return Parsed<PytestCounts>.Of(new PytestCounts(Count("passed"), Count("failed"), Count("skipped"), Count("error"),
            Count("deselected"), Count("xfailed"), Count("xpassed")));
    }

    private static string StripAnsi(string s) => Regex.Replace(s, @"\x1b\[[0-9;]*m", "");
}
