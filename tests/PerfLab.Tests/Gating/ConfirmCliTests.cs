using System.Text.Json;
using NUnit.Framework;
using PerfLab.Harness.Gating;
using PerfLab.Tests.Infrastructure;
using PerfLab.Tests.Results;
using Kind = PerfLab.Tests.Infrastructure.DisturbedHostSuite.Kind;

namespace PerfLab.Tests.Gating;

/// <summary><c>perflab run/agent --confirm</c> through the built executable, on a host device a script disturbs per build and
/// confirming round: a one-night slowdown is cleared, a real regression still blocks, a device that stays noisy ends inconclusive
/// with the reason; and <c>perflab gate</c> on the database afterwards says what the confirmation said.</summary>
[TestFixture]
public sealed class ConfirmCliTests
{
    /// <summary>Builds 1–3 undisturbed, measured as a nightly would; build 4 is the disturbed night.</summary>
    private static string History(TempDirectory temp, params Kind[] kinds)
    {
        var suite = DisturbedHostSuite.Write(temp.Path, fromBuild: 4, kinds);
        for (var b = 1; b <= 3; b++)
        {
            var run = PerfLabProcess.Run(temp.Path, "run", suite, "--db", temp.File("c.db"), "--build", b.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
        }
        return suite;
    }

    private static JsonElement GateJson(TempDirectory temp, out int exit)
    {
        var gate = PerfLabProcess.Run(temp.Path, "gate", "--db", temp.File("c.db"), "--candidate", "4", "--json");
        exit = gate.ExitCode;
        return JsonDocument.Parse(gate.Stdout).RootElement.Clone();
    }

    private static JsonElement Confirmation(PerfLabProcess.Result run) =>
        JsonDocument.Parse(run.Stdout).RootElement.GetProperty("confirmation").Clone();

    [Test]
    public void A_one_night_slowdown_is_cleared_by_one_confirming_round_and_the_gate_and_its_page_agree()
    {
        using var temp = new TempDirectory();
        var suite = History(temp, Kind.Transient);

        var run = PerfLabProcess.Run(temp.Path, "run", suite, "--db", temp.File("c.db"), "--build", "4", "--confirm");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("confirming 1 case(s), round 1 of 2: disturbed kind=transient on host"));
        Assert.That(run.Stdout, Does.Not.Contain("round 2 of 2"), "nothing was left in doubt after round 1");
        Assert.That(run.Stdout, Does.Match(@"confirm: .* / disturbed / kind=transient / value: cleared \(no-change\); first 5: median 8\d\.\d+; confirming 5: median (99|100)\.\d+ x"));
        Assert.That(run.Stdout, Does.Contain("confirm: gate PASS (exit 0) after 1 confirming round(s)"));

        var gate = GateJson(temp, out var exit);
        Assert.That(exit, Is.Zero);
        var item = gate.GetProperty("results").EnumerateArray().Single();
        Assert.That(item.GetProperty("verdict").GetString(), Is.EqualTo("no-change"));
        Assert.That(item.GetProperty("candidate").GetProperty("samples").GetInt32(), Is.EqualTo(5), "judged on the confirming samples");
        Assert.That(item.GetProperty("confirmation").GetProperty("first").GetProperty("median").GetDouble(), Is.LessThan(92));
        Assert.That(item.GetProperty("confirmation").GetProperty("confirming").GetProperty("median").GetDouble(), Is.GreaterThan(99));

        var db = temp.File("c.db");
        Assert.That(StoreSamples.Scalar(db, "SELECT count(*) FROM runs WHERE build = '4'"), Is.EqualTo(2));
        var first = StoreSamples.Text(db, $"SELECT id FROM runs WHERE build = '4' AND json_extract(tags, '$.\"{ConfirmationTags.Round}\"') IS NULL");
        Assert.That(StoreSamples.Text(db, $"SELECT json_extract(tags, '$.\"{ConfirmationTags.Confirms}\"') FROM runs WHERE build = '4' AND json_extract(tags, '$.\"{ConfirmationTags.Round}\"') = '1'"),
            Is.EqualTo(first), "the confirming run names the run it confirms");

        var report = PerfLabProcess.Run(temp.Path, "report", "--db", db, "--out", temp.File("report"));
        Assert.That(report.ExitCode, Is.Zero, report.ToString());
        var page = File.ReadAllText(temp.File("report/gate.md"));
        Assert.That(page, Does.Contain("Decision: PASSED"));
        Assert.That(page, Does.Match(@"\(first 5: median 8\d\.\d+; confirming 5: median (99|100)\.\d+ x\)"), page);
    }

    [Test]
    public void A_real_regression_is_confirmed_once_and_still_blocks()
    {
        using var temp = new TempDirectory();
        var suite = History(temp, Kind.Real);

        var run = PerfLabProcess.Run(temp.Path, "run", suite, "--db", temp.File("c.db"), "--build", "4", "--confirm", "--confirm-repetitions", "3", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr, Does.Contain("confirming 1 case(s), round 1 of 2"));
        Assert.That(run.Stderr, Does.Not.Contain("round 2 of 2"), "a regression its confirming samples reproduced is settled");
        Assert.That(run.Stderr, Does.Contain("kind=real / value: still regression: worse beyond the threshold 5 %"));
        var confirmation = Confirmation(run);
        Assert.That(confirmation.GetProperty("rounds_run").GetInt32(), Is.EqualTo(1));
        Assert.That(confirmation.GetProperty("gate_exit_code").GetInt32(), Is.EqualTo(1));
        var series = confirmation.GetProperty("series").EnumerateArray().Single();
        Assert.That(series.GetProperty("first_verdict").GetString(), Is.EqualTo("regression"));
        Assert.That(series.GetProperty("status").GetString(), Is.EqualTo("regression"));
        Assert.That(series.GetProperty("confirming").GetProperty("samples").GetInt32(), Is.EqualTo(3), "--confirm-repetitions 3");

        var gate = GateJson(temp, out var exit);
        Assert.That(exit, Is.EqualTo(1));
        var item = gate.GetProperty("results").EnumerateArray().Single();
        Assert.That(item.GetProperty("verdict").GetString(), Is.EqualTo("regression"));
        Assert.That(item.GetProperty("reason").GetString(), Is.EqualTo(series.GetProperty("reason").GetString()));
    }

    [Test]
    public void A_device_that_stays_noisy_ends_inconclusive_with_the_reason_after_the_last_round()
    {
        using var temp = new TempDirectory();
        var suite = History(temp, Kind.Noisy);

        var run = PerfLabProcess.Run(temp.Path, "run", suite, "--db", temp.File("c.db"), "--build", "4", "--confirm", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Stderr, Does.Contain("confirming 1 case(s), round 1 of 2").And.Contain("confirming 1 case(s), round 2 of 2"));
        Assert.That(run.Stderr, Does.Match(@"kind=noisy / value: still inconclusive: .*too noisy; first 5: median [\d.]+; confirming 10: median [\d.]+ x"));
        var series = Confirmation(run).GetProperty("series").EnumerateArray().Single();
        Assert.That(series.GetProperty("status").GetString(), Is.EqualTo("inconclusive"));
        Assert.That(series.GetProperty("confirming").GetProperty("rounds").GetInt32(), Is.EqualTo(2));

        var gate = GateJson(temp, out var exit);
        Assert.That(exit, Is.EqualTo(3));
        var item = gate.GetProperty("results").EnumerateArray().Single();
        Assert.That(item.GetProperty("verdict").GetString(), Is.EqualTo("inconclusive"));
        Assert.That(item.GetProperty("reason").GetString(), Is.EqualTo(series.GetProperty("reason").GetString()));
        Assert.That(item.GetProperty("candidate").GetProperty("samples").GetInt32(), Is.EqualTo(10));
    }

    [Test]
    public void An_agent_confirms_each_kind_on_its_own_and_exits_with_the_gates_code()
    {
        using var temp = new TempDirectory();
        var suites = Directory.CreateDirectory(temp.File("suites")).FullName;
        var suite = DisturbedHostSuite.Write(suites, fromBuild: 4, Kind.Transient, Kind.Real, Kind.Noisy);
        for (var b = 1; b <= 3; b++)
            Assert.That(PerfLabProcess.Run(temp.Path, "run", suite, "--db", temp.File("c.db"), "--build", b.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExitCode, Is.Zero);

        var agent = PerfLabProcess.Run(temp.Path, "agent", "--suites", suites, "--db", temp.File("c.db"), "--build", "4",
            "--lock-dir", temp.File("locks"), "--confirm", "--confirm-rounds", "1");

        Assert.That(agent.ExitCode, Is.EqualTo(1), agent.ToString());
        Assert.That(agent.Stdout, Does.Contain("confirming 3 case(s), round 1 of 1"));
        Assert.That(agent.Stdout, Does.Contain("kind=transient / value: cleared (no-change)"));
        Assert.That(agent.Stdout, Does.Contain("kind=real / value: still regression"));
        Assert.That(agent.Stdout, Does.Contain("kind=noisy / value: still inconclusive"));
        Assert.That(agent.Stdout, Does.Contain("confirm: gate FAIL: regression (exit 1) after 1 confirming round(s)"));
        var gate = GateJson(temp, out var exit);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(gate.GetProperty("counts").GetProperty("regression").GetInt32(), Is.EqualTo(1));
        Assert.That(gate.GetProperty("counts").GetProperty("inconclusive").GetInt32(), Is.EqualTo(1));
        Assert.That(gate.GetProperty("counts").GetProperty("no-change").GetInt32(), Is.EqualTo(1));
    }

    [TestCase("--confirm-rounds", "0", "--confirm")]
    [TestCase("--confirm-rounds", "6", "--confirm")]
    [TestCase("--confirm-repetitions", "0", "--confirm")]
    [TestCase("--confirm-rounds", "3")]
    public void Bad_confirm_options_are_usage_errors_and_run_nothing(params string[] options)
    {
        using var temp = new TempDirectory();
        var suite = DisturbedHostSuite.Write(temp.Path, fromBuild: 4, Kind.Real);
        var run = PerfLabProcess.Run(temp.Path, ["run", suite, "--db", temp.File("c.db"), "--build", "1", .. options]);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("--confirm"));
        Assert.That(File.Exists(temp.File("c.db")), Is.False, "nothing was run");
    }
}
