using NUnit.Framework;
using PerfLab.Cli;

namespace PerfLab.Tests.Cli;

/// <summary>A command line that names its verb builds only that verb: each catalog name must be the verb's own name.</summary>
[TestFixture]
public sealed class CommandCatalogTests
{
    [Test]
    public void Each_verb_named_first_builds_that_verb_alone_and_anything_else_builds_every_verb()
    {
        var all = PerfLabCommandLine.CreateRoot().Subcommands.Select(c => c.Name).ToList();
        Assert.That(all, Has.Count.GreaterThan(10));
        foreach (var verb in all)
            Assert.That(PerfLabCommandLine.CreateRoot([verb, "--help"]).Subcommands.Select(c => c.Name), Is.EqualTo(new[] { verb }), verb);
        Assert.That(PerfLabCommandLine.CreateRoot(["--help"]).Subcommands.Select(c => c.Name), Is.EqualTo(all));
        Assert.That(PerfLabCommandLine.CreateRoot(["gaet"]).Subcommands.Select(c => c.Name), Is.EqualTo(all), "a typo gets every verb to suggest from");
    }
}
