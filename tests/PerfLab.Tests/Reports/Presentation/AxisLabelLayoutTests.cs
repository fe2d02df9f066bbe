using NUnit.Framework;
using PerfLab.Reports.Charts;
using PerfLab.Reports.Presentation;

namespace PerfLab.Tests.Reports.Presentation;

public sealed class AxisLabelLayoutTests
{
    [Test]
    public void Short_labels_that_fit_their_slots_stay_level_and_all_show()
    {
        var layout = AxisLabelLayout.For(["1", "2", "3"], 40, 11);
        Assert.That(layout.Rotated, Is.False);
        Assert.That(layout.Stride, Is.EqualTo(1));
        Assert.That(layout.Texts, Is.EqualTo(new[] { "1", "2", "3" }));
    }

    [Test]
    public void Long_build_ids_are_turned_whole_and_the_chart_is_told_how_deep_and_how_far_left_they_reach()
    {
        // The host nightly's build ids ("local-20261205T130427Z"), which level labels would have cut to "local-20261…".
        var builds = Enumerable.Range(0, 14).Select(i => $"local-20261205T1304{i:00}Z").ToList();
        var layout = AxisLabelLayout.For(builds, 45, 11);
        Assert.That(layout.Rotated, Is.True);
        Assert.That(layout.Texts, Is.EqualTo(builds), "nothing cut");
        Assert.That(layout.Shortened, Has.All.False);
        var width = SvgText.EstimateWidth(builds[0], 11);
        Assert.That(layout.Depth, Is.GreaterThanOrEqualTo(width * Math.Cos(Math.PI / 4)));
        Assert.That(layout.Overhang, Is.EqualTo(width * Math.Cos(Math.PI / 4)).Within(1e-9));
        Assert.That(layout.Stride, Is.EqualTo(1), "turned labels need only a line height per slot");
    }

    [Test]
    public void Labels_past_the_cap_end_in_an_ellipsis_and_are_marked_for_a_title()
    {
        var layout = AxisLabelLayout.For([new string('b', 60), "GPU-e0000000-0000-4000-8000-000000000007"], 400, 11, maxLabelWidth: 130);
        Assert.That(layout.Texts[0], Does.EndWith("\u2026"));
        Assert.That(layout.Texts[1], Is.EqualTo("GPU-e0000000\u20260007"));
        Assert.That(layout.Shortened, Is.EqualTo(new[] { true, true }));
    }
}
