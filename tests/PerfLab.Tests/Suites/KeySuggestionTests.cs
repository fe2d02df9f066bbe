using NUnit.Framework;
using PerfLab.Harness.Suites;

namespace PerfLab.Tests.Suites;

/// <summary>The "did you mean" hints: close typos get a suggestion, unrelated words get none.</summary>
public sealed class KeySuggestionTests
{
    private static readonly string[] StepKeys = ["name", "runner", "with", "repetitions", "warmup", "timeout", "once", "extract"];

    [TestCase("repetiton", "repetitions")]
    [TestCase("warmpu", "warmup")]
    [TestCase("Runner", "runner")]
    [TestCase("extarct", "extract")]
    [TestCase("rep", "repetitions")]
    public void CloseTypos_GetTheIntendedKey(string written, string expected) =>
        Assert.That(KeySuggestion.Closest(written, StepKeys), Is.EqualTo(expected));

    [TestCase("colour")]
    [TestCase("x")]
    [TestCase("iterations")]
    public void UnrelatedWords_GetNoSuggestion(string written) =>
        Assert.That(KeySuggestion.Closest(written, StepKeys), Is.Null);

    [TestCase("abc", "abc", 0)]
    [TestCase("abc", "acb", 1)]
    [TestCase("kitten", "sitting", 3)]
    [TestCase("", "abc", 3)]
    public void Distance_CountsSwapsAsOneEdit(string a, string b, int expected) =>
        Assert.That(KeySuggestion.Distance(a, b), Is.EqualTo(expected));
}
