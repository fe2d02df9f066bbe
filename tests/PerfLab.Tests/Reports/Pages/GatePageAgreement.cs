using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;
using PerfLab.Tests.Gating;

namespace PerfLab.Tests.Reports.Pages;

/// <summary>Checks that a written report's gate and nightly pages show what <c>perflab gate</c> (a real process) answers: the page's
/// printed command is run as it stands, and its verdict per series, counts per verdict and outcome must equal the page's.</summary>
internal static partial class GatePageAgreement
{
    [GeneratedRegex(@"<code>(perflab gate [^<]*)</code>")]
    private static partial Regex CommandCode();

    [GeneratedRegex(@"(\d+) series judged: (\d+) regression\(s\), (\d+) error\(s\), (\d+) inconclusive, (\d+) without baseline, (\d+) improvement\(s\), (\d+) without change")]
    private static partial Regex GateSummary();

    [GeneratedRegex(@"<div class=""decision [a-z]+"">([^<]+)</div>")]
    private static partial Regex Decision();

    /// <summary>What <c>perflab gate</c> answered for a page's command.</summary>
    public sealed record CliAnswer(int ExitCode, string Outcome, IReadOnlyDictionary<string, int> Counts, IReadOnlyDictionary<string, string> Verdicts, string BaselineDescription, string TextOutput);

    /// <summary>Asserts that <paramref name="page"/> ("gate" or "nightly") in <paramref name="reportDir"/> agrees with its command; returns the command's answer.</summary>
    public static CliAnswer AssertPageAgreesWithCommand(string reportDir, string page, string workDir)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(reportDir, "report.json")));
        var model = json.RootElement.GetProperty(page);
        var html = File.ReadAllText(Path.Combine(reportDir, page + ".html"));

        // The page prints the exact command, and it is the one report.json records.
        var printed = CommandCode().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
        var command = model.GetProperty("command").GetString()!;
        Assert.That(printed, Is.EqualTo(new[] { command }), $"{page}.html prints exactly one perflab gate command, report.json's");
        var args = ShellWords(command);
        Assert.That(args.Take(2), Is.EqualTo(new[] { "perflab", "gate" }));

        var asJson = PerfLabProcess.Run(workDir, [.. args.Skip(1), "--json"]);
        Assert.That(asJson.Stdout.TrimStart(), Does.StartWith("{"), $"{command} --json\n{asJson}");
        using var cli = JsonDocument.Parse(asJson.Stdout);
        var root = cli.RootElement;
        Assert.That(asJson.ExitCode, Is.EqualTo(root.GetProperty("gate_exit_code").GetInt32()), asJson.ToString());
        var asText = PerfLabProcess.Run(workDir, [.. args.Skip(1)]);
        Assert.That(asText.ExitCode, Is.EqualTo(asJson.ExitCode), asText.ToString());
        var answer = new CliAnswer(asJson.ExitCode, root.GetProperty("outcome").GetString()!,
            root.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()),
            root.GetProperty("results").EnumerateArray().ToDictionary(SeriesKey, r => r.GetProperty("verdict").GetString()!),
            root.GetProperty("baseline_description").GetString()!, asText.Stdout);

        // Outcome: the page's words are the command's, with the same exit code.
        var outcome = model.GetProperty("outcome").GetString()!;
        Assert.That(asText.Stdout, Does.Contain($"gate: {outcome} (exit {asText.ExitCode})"), $"{page}: the page says '{outcome}'\n{asText}");
        Assert.That(WebUtility.HtmlDecode(html), Does.Contain(outcome), $"{page}.html shows the outcome");

        // Verdicts per series, then counts per verdict.
        var rows = model.GetProperty(page == "gate" ? "rows" : "verdicts").EnumerateArray().ToList();
        var pageVerdicts = rows.ToDictionary(SeriesKey, r => r.GetProperty("verdict").GetString()!);
        Assert.That(pageVerdicts, Is.EquivalentTo(answer.Verdicts), $"{page}: per-series verdicts");
        var pageCounts = rows.GroupBy(r => r.GetProperty("verdict").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (verdict, count) in answer.Counts)
            Assert.That(pageCounts.GetValueOrDefault(verdict), Is.EqualTo(count), $"{page}: count of {verdict}");

        if (page == "gate")
        {
            var expectedDecision = asJson.ExitCode switch { 0 => "PASSED", 1 => "BLOCKED", 3 => "NEEDS ATTENTION", _ => "?" };
            Assert.That(model.GetProperty("decision").GetString(), Is.EqualTo(expectedDecision));
            Assert.That(Decision().Match(html).Groups[1].Value, Is.EqualTo(expectedDecision), "gate.html's decision box");
            // The counts the page prints in words.
            var summary = GateSummary().Match(WebUtility.HtmlDecode(html));
            Assert.That(summary.Success, Is.True, "gate.html prints its counts");
            int At(int group) => int.Parse(summary.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(At(1), Is.EqualTo(answer.Verdicts.Count), "series judged");
            Assert.That(new[] { At(2), At(3), At(4), At(5), At(6), At(7) }, Is.EqualTo(new[]
            {
                answer.Counts["regression"], answer.Counts["error"], answer.Counts["inconclusive"], answer.Counts["no-baseline"],
                answer.Counts["improvement"], answer.Counts["no-change"],
            }), "gate.html's counts: regression, error, inconclusive, no-baseline, improvement, no-change");
            // The page states its baseline as the command reads it.
            Assert.That(model.GetProperty("baseline").GetString(), Does.Contain(answer.BaselineDescription)
                .And.Contain("--baseline " + root.GetProperty("baseline").GetString()));
        }
        else
        {
            var devices = model.GetProperty("devices").EnumerateArray().ToList();
            int Sum(string field) => devices.Sum(d => d.GetProperty(field).GetInt32());
            Assert.That(new[] { Sum("regressions"), Sum("errors"), Sum("inconclusive"), Sum("improvements"), Sum("no_change") }, Is.EqualTo(new[]
            {
                answer.Counts["regression"], answer.Counts["error"], answer.Counts["inconclusive"] + answer.Counts["no-baseline"],
                answer.Counts["improvement"], answer.Counts["no-change"],
            }), "nightly's per-device table: regression, error, inconclusive + no-baseline, improvement, no-change");
            Assert.That(model.GetProperty("baseline_builds").GetString(), Is.EqualTo(answer.BaselineDescription));
        }
        return answer;
    }

    private static string SeriesKey(JsonElement r) => string.Join(" | ",
        r.GetProperty("device").GetString(), r.GetProperty("suite").GetString(), r.GetProperty("case").GetString(),
        r.GetProperty("metric").GetString(), r.GetProperty("unit").GetString(), r.GetProperty("comparability_key").GetString());

    /// <summary>Splits a command line the way a POSIX shell splits the pages' commands (spaces, single quotes, '\'' escapes).</summary>
    public static IReadOnlyList<string> ShellWords(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (c == '\'')
            {
                var end = command.IndexOf('\'', i + 1);
                if (end < 0) throw new FormatException("unterminated quote in: " + command);
                word.Append(command, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < command.Length)
            {
                word.Append(command[++i]);
                inWord = true;
            }
            else if (c == ' ')
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
