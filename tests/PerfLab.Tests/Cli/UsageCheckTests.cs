using NUnit.Framework;
using PerfLab.Cli;

namespace PerfLab.Tests.Cli;

/// <summary>The strict usage check on parsed command lines: unknown options and verbs named with the closest known one,
/// nothing that looks like an option read as a file name.</summary>
public sealed class UsageCheckTests
{
    private static IReadOnlyList<string> Problems(params string[] args) => UsageCheck.Problems(PerfLabCommandLine.CreateRoot().Parse(args));

    [Test]
    public void An_unknown_option_beside_file_arguments_is_named_with_the_closest_option_not_read_as_a_file()
    {
        Assert.That(Problems("run", "suites/host-baseline.yaml", "--dbb", "x.db"),
            Is.EqualTo(new[] { "unknown option '--dbb' for 'perflab run'; did you mean '--db'?" }));
    }

    [TestCase(new[] { "validate", "suites", "--strict" }, "unknown option '--strict' for 'perflab validate' ('perflab validate' knows: --json, --help)")]
    [TestCase(new[] { "demo", "--build", "9" }, "unknown option '--build' for 'perflab demo'; did you mean '--builds'?")]
    [TestCase(new[] { "runs", "--dbb", "x.db" }, "unknown option '--dbb' for 'perflab runs'; did you mean '--db'?")]
    [TestCase(new[] { "report", "--db", "x.db", "--out", "o", "--fromat=html" }, "unknown option '--fromat' for 'perflab report'; did you mean '--format'?")]
    [TestCase(new[] { "suites", "list", "--jsn" }, "unknown option '--jsn' for 'perflab suites list'; did you mean '--json'?")]
    public void Unknown_options_are_named_once_with_a_suggestion_or_the_known_ones(string[] args, string expected)
    {
        Assert.That(Problems(args), Is.EqualTo(new[] { expected }));
    }

    [TestCase(new[] { "rnu" }, "unknown verb 'rnu'; did you mean 'run'?")]
    [TestCase(new[] { "reprot", "--db", "x.db" }, "unknown verb 'reprot'; did you mean 'report'?")]
    [TestCase(new[] { "suites", "lsit" }, "unknown verb 'suites lsit'; did you mean 'list'?")]
    public void Unknown_verbs_suggest_the_closest_verb(string[] args, string expected)
    {
        Assert.That(Problems(args), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Words_after_a_double_dash_and_negative_numbers_are_values_not_options()
    {
        Assert.That(Problems("run", "--db", "x.db", "--", "--odd-name.yaml"), Is.Empty);
        Assert.That(Problems("report", "--out", "o", "--history", "-3"), Is.Empty, "the parser takes -3 as the value; the verb then rejects it");
        Assert.That(Problems("run", "suites/host-baseline.yaml", "--tag", "release=1.0", "--db", "x.db"), Is.Empty);
    }

    [Test]
    public void Other_parse_errors_keep_the_parsers_message()
    {
        Assert.That(Problems("report", "--db"), Has.Some.Contains("--db").And.Some.Contains("'--out' is required"));
    }

    [TestCase("--db", true)]
    [TestCase("-h", true)]
    [TestCase("--db=x", true)]
    [TestCase("-5", false)]
    [TestCase("-0.5", false)]
    [TestCase("-", false)]
    [TestCase("suites/a.yaml", false)]
    public void What_looks_like_an_option(string token, bool expected) => Assert.That(UsageCheck.LooksLikeOption(token), Is.EqualTo(expected));
}
