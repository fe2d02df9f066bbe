using NUnit.Framework;
using PerfLab.Cli.Commands;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Cli;

public class CliReferenceTests
{
    [Test]
    public void Docs_cli_covers_every_registered_verb_and_subverb()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "cli.md"));
        var missing = new List<string>();
        foreach (var verb in CommandCatalog.All())
        {
            if (!doc.Contains($"## perflab {verb.Name}\n", StringComparison.Ordinal)) missing.Add(verb.Name);
            missing.AddRange(verb.Subcommands.Select(s => $"{verb.Name} {s.Name}")
                .Where(name => !doc.Contains($"## perflab {name}\n", StringComparison.Ordinal)));
        }
        Assert.That(missing, Is.Empty, "regenerate docs/cli.md with the loop at its end");
    }

    [Test]
    public void Docs_cli_has_no_section_for_a_verb_perflab_does_not_have()
    {
        var doc = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "cli.md"));
        var known = CommandCatalog.All().SelectMany(v => v.Subcommands.Select(s => $"{v.Name} {s.Name}").Prepend(v.Name)).ToHashSet();
        var stale = doc.Where(l => l.StartsWith("## perflab ", StringComparison.Ordinal))
            .Select(l => l["## perflab ".Length..]).Where(name => name.Length > 0 && !known.Contains(name));
        Assert.That(stale, Is.Empty, "regenerate docs/cli.md with the loop at its end");
    }

    [Test]
    public void Every_verb_has_a_description_with_an_example_or_usage()
    {
        var bare = CommandCatalog.All()
            .Where(v => string.IsNullOrWhiteSpace(v.Description)
                        || !(v.Description.Contains("Example:", StringComparison.Ordinal) || v.Description.Contains("Usage:", StringComparison.Ordinal) || v.Subcommands.Count > 0))
            .Select(v => v.Name);
        Assert.That(bare, Is.Empty);
    }
}
