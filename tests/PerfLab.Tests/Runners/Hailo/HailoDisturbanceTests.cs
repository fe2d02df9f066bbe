using System.Globalization;
using NUnit.Framework;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Emulation.Hailo;
using PerfLab.Runners.Hailo;
using PerfLab.Runners.Hailo.Parsing;
using PerfLab.Tests.Infrastructure;
using static PerfLab.Tests.Runners.Hailo.HailoTestSupport;

namespace PerfLab.Tests.Runners.Hailo;

/// <summary>The emulated Hailo disturbances <c>--confirm</c> is tried on: a slowdown in a build's first measurement only, one limited
/// to a range of builds, and extra noise from a build on (profile <c>regressions</c>, read with PERFLAB_CONFIRM_ROUND).</summary>
public sealed class HailoDisturbanceTests
{
    /// <summary>The shipped Hailo-10H profile with <paramref name="regressions"/> in place of its own.</summary>
    private static HailoDeviceProfile Profile(TempDirectory temp, string regressions)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Suites, "devices", "hailo-10h-emulated.yaml"))
            .Replace("probe_hef: ../models", "probe_hef: " + Path.Combine(RepoPaths.Suites, "models"), StringComparison.Ordinal);
        text = text[..text.IndexOf("\nregressions:", StringComparison.Ordinal)] + "\nregressions:\n" + regressions;
        var path = temp.File("hailo-disturbed.yaml");
        File.WriteAllText(path, text);
        return HailoDeviceProfile.Load(path);
    }

    /// <summary>Hydra's FPS from one fresh emulator call (fresh chip state, fixed clock, the given seed).</summary>
    private static double Fps(HailoDeviceProfile profile, string build, int round, ulong seed = 42)
    {
        using var state = new TempDirectory();
        var env = new Dictionary<string, string>
        {
            [HailoEmulatorSettings.SeedVariable] = seed.ToString(CultureInfo.InvariantCulture),
            [HailoEmulatorSettings.StateDirectoryVariable] = state.File("state"),
            [HailoEmulatorSettings.NowVariable] = "1800000000",
            [RunEnvironmentNames.Build] = build,
            [RunEnvironmentNames.ConfirmRound] = round.ToString(CultureInfo.InvariantCulture),
        };
        var o = new StringWriter();
        var code = new HailoEmulator(profile, HailoEmulatorSettings.FromEnvironment(env.GetValueOrDefault)).Run(["run2", "-t", "5", "set-net", ModelHef("hydra")], o, new StringWriter());
        Assert.That(code, Is.Zero);
        return HailoRun2Parser.ParseStdout(o.ToString()).Value(HailoMetrics.Fps)!.Value;
    }

    [Test]
    public void A_transient_slowdown_hits_the_first_measurement_of_its_builds_only()
    {
        using var temp = new TempDirectory();
        var profile = Profile(temp, """
              - {metric: fps, model: hydra, factor: 0.9, from_build: "4", to_build: "4", transient: true}
            """);
        var clean = Fps(profile, "3", 0);
        Assert.That(Fps(profile, "4", 0) / clean, Is.EqualTo(0.9).Within(0.0002), "build 4, first measurement");
        Assert.That(Fps(profile, "4", 1) / clean, Is.EqualTo(1).Within(0.0002), "build 4, confirming round 1");
        Assert.That(Fps(profile, "5", 0) / clean, Is.EqualTo(1).Within(0.0002), "after to_build");
    }

    [Test]
    public void A_lasting_regression_hits_every_round()
    {
        using var temp = new TempDirectory();
        var profile = Profile(temp, """
              - {metric: fps, model: hydra, factor: 0.9, from_build: "4"}
            """);
        var clean = Fps(profile, "3", 0);
        foreach (var (build, round) in new[] { ("4", 0), ("4", 1), ("4", 2), ("9", 0) })
            Assert.That(Fps(profile, build, round) / clean, Is.EqualTo(0.9).Within(0.0002), $"build {build}, round {round}");
    }

    [Test]
    public void Extra_noise_spreads_the_figures_from_its_build_on()
    {
        using var temp = new TempDirectory();
        var profile = Profile(temp, """
              - {metric: fps, model: hydra, from_build: "4", noise_pct: 15}
            """);
        double SpreadAt(string build) => Spread(Enumerable.Range(1, 12).Select(s => Fps(profile, build, 1, (ulong)s)).ToList());
        var quiet = SpreadAt("3");
        var noisy = SpreadAt("4");
        Assert.That(quiet, Is.LessThan(0.02), "the profile's own 0.6 % noise");
        Assert.That(noisy, Is.GreaterThan(0.08), "15 % lognormal noise on top");
    }

    [Test]
    public void Bad_disturbances_name_the_field()
    {
        using var temp = new TempDirectory();
        var e = Assert.Throws<InvalidDataException>(() => Profile(temp, """
              - {metric: fps, from_build: "4", to_build: "tip", noise_pct: -1}
            """));
        Assert.That(e!.Message, Does.Contain("'to_build' must end in a number").And.Contain("'noise_pct' must be between 0 and 100"));
    }

    /// <summary>Relative standard deviation.</summary>
    private static double Spread(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) / mean;
    }
}
