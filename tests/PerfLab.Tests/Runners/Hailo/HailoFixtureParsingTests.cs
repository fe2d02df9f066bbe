using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Runners.Hailo.Parsing;

namespace PerfLab.Tests.Runners.Hailo;

/// <summary>Every fixture under tests/fixtures/hailo is parsed by its pure parser and checked against its .expected file.</summary>
public sealed class HailoFixtureParsingTests
{
    public static IEnumerable<TestCaseData> Fixtures() =>
        Directory.GetFiles(HailoTestSupport.FixtureRoot, "*.expected", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => HailoFixtureExpectations.Load(p))
            .Select(e => new TestCaseData(e).SetName("Fixture " + e));

    [Test]
    public void There_are_fixtures_for_every_version_folder()
    {
        var folders = Directory.GetDirectories(HailoTestSupport.FixtureRoot).Select(Path.GetFileName).ToList();
        Assert.That(folders, Is.SupersetOf(new[] { "4.10", "4.18", "4.19", "4.23", "5.1" }));
        Assert.That(Fixtures().Count(), Is.GreaterThanOrEqualTo(40));
    }

    [TestCaseSource(nameof(Fixtures))]
    public void Fixture_parses_to_its_expected_records(HailoFixtureExpectations e)
    {
        switch (e.Kind)
        {
            case "version":
                Assert.That(HailoVersion.FromCliOutput(e.Text(".stdout"))?.ToString(), Is.EqualTo(e.Words("version").Single()[0]));
                break;
            case "scan":
                var ids = HailoScanParser.Parse(e.Text(".stdout"));
                if (e.Has("no-devices")) Assert.That(ids, Is.Empty);
                else Assert.That(ids, Is.EqualTo(e.Words("device").Select(w => w[0]).ToList()));
                break;
            case "identify":
                CheckIdentity(e, HailoIdentifyParser.Parse(e.Text(".stdout")).Single());
                break;
            case "parse-hef":
                CheckHef(e, HefParser.Parse(e.Text(".stdout")));
                break;
            case "benchmark":
                CheckMeasurement(e, HailoBenchmarkParser.Parse(e.Text(".stdout")));
                if (e.Has("power-unsupported-notice"))
                    Assert.That(HailoErrorClassifier.ReportsPowerUnsupported(e.Text(".stderr")), Is.True);
                break;
            case "run":
                CheckMeasurement(e, HailoRunParser.Parse(e.Text(".stdout")));
                if (e.Has("csv")) CheckFigures(e, "csv", HailoRunCsvParser.Parse(e.Text(".csv")));
                break;
            case "run2":
                CheckMeasurement(e, HailoRun2Parser.ParseStdout(e.Text(".stdout")));
                if (e.Has("json")) CheckFigures(e, "json", HailoRun2Parser.ParseJson(e.Text(".json")));
                break;
            case "measure-power":
                CheckMeasurement(e, HailoMeasurePowerParser.Parse(e.Text(".stdout")));
                break;
            case "error":
                CheckError(e);
                break;
            case "garbage":
                foreach (var m in new[] { HailoRunParser.Parse(e.Text(".stdout")), HailoBenchmarkParser.Parse(e.Text(".stdout")),
                                          HailoRun2Parser.ParseStdout(e.Text(".stdout")), HailoMeasurePowerParser.Parse(e.Text(".stdout")) })
                {
                    Assert.That(m.State, Is.EqualTo(OutputState.Garbage));
                    Assert.That(m.Samples, Is.Empty);
                }
                break;
        }
    }

    private static void CheckMeasurement(HailoFixtureExpectations e, HailoMeasurement m)
    {
        var state = e.Words("state").SingleOrDefault()?[0] ?? "complete";
        Assert.That(m.State.ToString().ToLowerInvariant(), Is.EqualTo(state), m.Problem);
        if (m.State != OutputState.Complete) Assert.That(m.Samples, Is.Empty, "an unreadable output yields no figure");
        CheckFigures(e, "sample", m);
        foreach (var w in e.Words("absent")) Assert.That(m.Find(w[0]), Is.Null, $"{w[0]} must be absent");
        foreach (var w in e.Words("fact")) Assert.That(m.Facts.GetValueOrDefault(w[0]), Is.EqualTo(w[1]), $"fact {w[0]}");
    }

    /// <summary>Every listed figure is present with exactly that value and unit.</summary>
    private static void CheckFigures(HailoFixtureExpectations e, string directive, HailoMeasurement m)
    {
        foreach (var (metric, value, unit) in e.Figures(directive))
        {
            var s = m.Find(metric);
            Assert.That(s, Is.Not.Null, $"{directive} {metric} missing; have {string.Join(", ", m.Samples.Select(x => x.Metric))}");
            Assert.That(s!.Value, Is.EqualTo(value), $"{directive} {metric}");
            Assert.That(s.Unit, Is.EqualTo(unit), $"{directive} {metric} unit");
        }
    }

    private static void CheckIdentity(HailoFixtureExpectations e, HailoIdentity id)
    {
        var facts = new Dictionary<string, string?>
        {
            ["arch"] = id.Architecture, ["board"] = id.BoardName, ["firmware_version"] = id.FirmwareVersion, ["serial"] = id.SerialNumber,
            ["part"] = id.PartNumber, ["product"] = id.ProductName, ["device_id"] = id.DeviceId,
        };
        foreach (var w in e.Words("fact")) Assert.That(facts[w[0]], Is.EqualTo(w[1]), w[0]);
        foreach (var w in e.Words("absent-fact")) Assert.That(facts[w[0]], Is.Null, w[0]);
    }

    private static void CheckHef(HailoFixtureExpectations e, HefDescription? hef)
    {
        Assert.That(hef, Is.Not.Null);
        Assert.That(hef!.CompatibleArchs, Is.EqualTo(e.Words("archs").Single()[0].Split(',')));
        var streams = e.Lines.Where(l => l.Directive == "stream").ToList();
        Assert.That(hef.Streams, Has.Count.EqualTo(streams.Count));
        if (e.Has("groups")) Assert.That(hef.NetworkGroups, Is.EqualTo(e.Words("groups").Single()[0].Split(',')));
        if (e.Has("inputs-fact")) Assert.That(hef.DescribeStreams(StreamDirection.Input), Is.EqualTo(e.Rest("inputs-fact")));
        foreach (var (_, w, rest) in streams)
        {
            var direction = w[0] == "input" ? StreamDirection.Input : StreamDirection.Output;
            // "group:name" where a short name repeats across network groups
            var named = w[1].Split(':');
            var stream = hef.Streams.Single(s => s.ShortName == named[^1] && (named.Length == 1 || s.Group == named[0]));
            Assert.That(stream.Direction, Is.EqualTo(direction));
            Assert.That(stream.DataType, Is.EqualTo(w[2]));
            // Format orders may hold spaces ("HAILO NMS"): compare the rest of the line.
            Assert.That($"{stream.FormatOrder} {stream.Shape}", Is.EqualTo(rest[(w[0].Length + w[1].Length + w[2].Length + 3)..]));
        }
    }

    private static void CheckError(HailoFixtureExpectations e)
    {
        var exit = int.Parse(e.Text(".exit").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var error = HailoErrorClassifier.Classify(exit, e.Text(".stderr"));
        if (e.Has("power-unsupported"))
        {
            Assert.That(error.PowerUnsupported, Is.True);
            return;
        }
        Assert.That(error.Class, Is.EqualTo(new FailureClass(e.Words("failure").Single()[0])), error.Message);
        Assert.That(error.Message, Does.Contain(e.Rest("message")!.Trim()));
        Assert.That(error.PowerUnsupported, Is.False);
    }
}
