using System.Text.Json;
using NUnit.Framework;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Gating;

/// <summary><c>perflab run --emulate --confirm</c> on an emulated Hailo-10H whose profile disturbs build 4: Hydra slower in the
/// first measurement only, Mamba slower for good, Chimera's figures spread wide; through the built executable and its emulator
/// shims (slow: every repetition starts an emulator process).</summary>
[TestFixture]
[Category("Slow")]
public sealed class ConfirmEmulatedHailoTests
{
    [Test]
    public void On_an_emulated_Hailo_the_transient_clears_the_real_regression_blocks_and_the_noisy_model_stays_inconclusive()
    {
        using var temp = new TempDirectory();
        var profiles = Directory.CreateDirectory(temp.File("profiles")).FullName;
        var text = File.ReadAllText(Path.Combine(RepoPaths.Suites, "devices", "hailo-10h-emulated.yaml"))
            .Replace("probe_hef: ../models", "probe_hef: " + Path.Combine(RepoPaths.Suites, "models"), StringComparison.Ordinal);
        text = text[..text.IndexOf("\nregressions:", StringComparison.Ordinal)] + """

            regressions:
              - {metric: fps, model: hydra, factor: 0.9, from_build: "4", to_build: "4", transient: true}
              - {metric: fps, model: mamba, factor: 0.9, from_build: "4"}
              - {metric: fps, model: chimera, from_build: "4", noise_pct: 15}
            """;
        File.WriteAllText(Path.Combine(profiles, "hailo-disturbed.yaml"), text);
        var models = Path.Combine(RepoPaths.Suites, "models");
        var suite = temp.File("hailo-confirm.yaml");
        File.WriteAllText(suite, $$"""
            name: hailo-confirm
            description: short inferences on an emulated Hailo-10H
            version: "1"
            scope: silicon-measurement
            requires:
              - family: hailo
            defaults: {repetitions: 4, warmup: 0, timeout: 1m}
            matrix:
              model: [hydra, mamba, chimera]
            metrics:
              - {name: fps, unit: FPS, better: higher, gate: {budget_pct: 5} }
            steps:
              - name: run
                runner: hailo.run
                with:
                  hef: {{models}}/${model}.hef
                  time: 1s
            """);
        var env = new Dictionary<string, string> { ["TMPDIR"] = Directory.CreateDirectory(temp.File("tmp")).FullName, ["PERFLAB_EMULATOR_SEED"] = "7" };
        string[] Run(string build, params string[] more) => ["run", suite, "--db", temp.File("h.db"), "--build", build, "--emulate", "--profiles", profiles, .. more];
        foreach (var b in new[] { "1", "2", "3" })
        {
            var (code, output) = Farm.PerflabProcess.Run(temp.Path, env, TimeSpan.FromMinutes(3), Run(b));
            Assert.That(code, Is.Zero, output);
        }

        var (exit, log) = Farm.PerflabProcess.Run(temp.Path, env, TimeSpan.FromMinutes(5), Run("4", "--confirm"));

        Assert.That(exit, Is.EqualTo(1), log);
        Assert.That(log, Does.Contain("model=hydra / fps: cleared"));
        Assert.That(log, Does.Contain("model=mamba / fps: still regression"));
        Assert.That(log, Does.Match("model=chimera / fps: still inconclusive: .*(too noisy|not significant)"));
        var gate = PerfLabProcess.Run(temp.Path, "gate", "--db", temp.File("h.db"), "--candidate", "4", "--json");
        Assert.That(gate.ExitCode, Is.EqualTo(1), gate.ToString());
        // run2 on a 10H also prints chip temperatures, which this suite does not declare (errors of their own): FPS is judged here.
        var verdicts = JsonDocument.Parse(gate.Stdout).RootElement.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("metric").GetString() == "fps")
            .ToDictionary(r => r.GetProperty("case").GetString()!, r => r.GetProperty("verdict").GetString());
        Assert.That(verdicts, Is.EqualTo(new Dictionary<string, string?> { ["model=hydra"] = "no-change", ["model=mamba"] = "regression", ["model=chimera"] = "inconclusive" }));
    }
}
