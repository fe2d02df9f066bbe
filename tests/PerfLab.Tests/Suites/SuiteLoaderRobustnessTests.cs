using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Suites;

/// <summary>Damaged suites give positioned errors, never an exception: a typo must not crash <c>perflab validate</c>.</summary>
public sealed class SuiteLoaderRobustnessTests
{
    [Test]
    public void EveryTruncationOfTheFullSuite_LoadsOrReportsPositionedErrors()
    {
        var text = File.ReadAllText(RepoPaths.Fixture("suites", "good", "full.yaml"));
        var loader = ArgvTestRunner.Loader();
        var failed = 0;
        for (var length = 0; length < text.Length; length++)
        {
            var result = loader.LoadText(text[..length], "cut.yaml");
            if (result.IsValid) continue;
            failed++;
            Assert.That(result.Errors, Is.Not.Empty, $"cut at {length}");
            Assert.That(result.Errors.Select(e => e.Position), Has.None.EqualTo(SourcePosition.Unknown), $"cut at {length}");
        }
        // Cuts inside the steps list can still be valid suites; cuts before 'steps:' never are.
        Assert.That(failed, Is.GreaterThan(text.IndexOf("steps:", StringComparison.Ordinal)));
    }

    [Test]
    public void EveryDeletedCharacterOfTheFullSuite_LoadsOrReportsErrors()
    {
        var text = File.ReadAllText(RepoPaths.Fixture("suites", "good", "full.yaml"));
        var loader = ArgvTestRunner.Loader();
        for (var i = 0; i < text.Length; i++)
        {
            var damaged = text.Remove(i, 1);
            var result = loader.LoadText(damaged, "damaged.yaml");
            Assert.That(result.IsValid || result.Errors.Count > 0, Is.True, $"deleted char {i}");
            Assert.That(result.Errors.Select(e => e.Position), Has.None.EqualTo(SourcePosition.Unknown), $"deleted char {i}");
        }
    }
}
