using NUnit.Framework;
using PerfLab.Runners.Hailo.Parsing;

namespace PerfLab.Tests.Runners.Hailo;

/// <summary>Several networks in one hailortcli output: no figure is dropped or merged silently.</summary>
public sealed class HailoMultiNetworkTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(HailoTestSupport.FixtureRoot, "4.23", name));

    [Test]
    public void Run2_json_whose_network_groups_share_a_name_is_refused_rather_than_merged()
    {
        var json = Fixture("run2-two-networks-yolov8s-scrfd.json").Replace("\"scrfd_2_5g\"", "\"yolov8s\"");
        var m = HailoRun2Parser.ParseJson(json);
        Assert.That(m.State, Is.EqualTo(OutputState.Garbage));
        Assert.That(m.Problem, Does.Contain("network group 2 of 2"));
        Assert.That(m.Samples, Is.Empty);
    }

    [Test]
    public void Stdout_and_json_of_a_two_network_run2_agree_figure_by_figure()
    {
        var stdout = HailoRun2Parser.ParseStdout(Fixture("run2-two-networks-yolov8s-scrfd.stdout"));
        var json = HailoRun2Parser.ParseJson(Fixture("run2-two-networks-yolov8s-scrfd.json"));
        Assert.That(stdout.Samples.Select(s => (s.Metric, s.Value)), Is.EquivalentTo(json.Samples.Select(s => (s.Metric, s.Value))));
        Assert.That(json.Facts["network"], Is.EqualTo("yolov8s,scrfd_2_5g"));
    }

    [Test]
    public void One_group_hef_describes_its_streams_without_a_group_prefix()
    {
        var hef = HefParser.Parse(Fixture("parse-hef-enki.stdout"))!;
        Assert.That(hef.NetworkGroups, Has.Count.EqualTo(1));
        Assert.That(hef.DescribeStreams(StreamDirection.Input), Does.Not.Contain(": "));
    }
}
