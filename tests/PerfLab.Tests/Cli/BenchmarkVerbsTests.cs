using NUnit.Framework;
using PerfLab.Tests.Gating;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Cli;

/// <summary>Issue 17: PerfLab's own benchmarks live in tests/PerfLab.Benchmarks, not in perflab's verbs.</summary>
public class BenchmarkVerbsTests
{
    [Test]
    public void Perflab_help_has_no_bench_verb_and_the_benchmarks_program_has_all_five()
    {
        using var dir = new TempDirectory();
        var perflab = PerfLabProcess.Run(dir.Path, "--help");
        Assert.That(perflab.ExitCode, Is.EqualTo(0), perflab.ToString());
        Assert.That(perflab.Stdout.Split('\n').Select(l => l.TrimStart()), Has.None.StartsWith("bench"), perflab.ToString());
        Assert.That(PerfLabProcess.Run(dir.Path, "bench", "store").ExitCode, Is.EqualTo(2));

        var benchmarks = PerfLabProcess.RunBenchmarks(dir.Path, "--help");
        Assert.That(benchmarks.ExitCode, Is.EqualTo(0), benchmarks.ToString());
        var verbs = benchmarks.Stdout.Split('\n').Select(l => l.Trim().Split(' ')[0]).ToHashSet();
        Assert.That(verbs, Is.SupersetOf(new[] { "store", "overhead", "detection", "farm", "gate" }), benchmarks.ToString());
    }
}
