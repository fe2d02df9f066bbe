using NUnit.Framework;
using PerfLab.Reports.Charts;
using PerfLab.Reports.Presentation;

namespace PerfLab.Tests.Reports.Presentation;

public sealed class LabelFitTests
{
    [Test]
    public void A_label_that_fits_is_one_line_and_whole()
    {
        var fit = LabelFit.Fit("RTX 4090", 200, 12);
        Assert.That(fit.Lines, Is.EqualTo(new[] { "RTX 4090" }));
        Assert.That(fit.Shortened, Is.False);
    }

    [Test]
    public void A_long_device_name_wraps_before_its_id_and_the_UUID_is_shortened_with_the_full_name_kept()
    {
        const string device = "NVIDIA GeForce RTX 3060 (cuda-emu:GPU-e0000000-0000-4000-8000-000000000001)";
        var fit = LabelFit.Fit(device, 210, 12);
        Assert.That(fit.Lines, Is.EqualTo(new[] { "NVIDIA GeForce RTX 3060", "(cuda-emu:GPU-e0000000\u20260001)" }));
        Assert.That(fit.Shortened, Is.True, "the UUID was cut: the full name goes on hover");
        Assert.That(fit.Full, Is.EqualTo(device));
        Assert.That(fit.Width(12), Is.LessThanOrEqualTo(210));
    }

    [Test]
    public void What_two_lines_cannot_hold_ends_in_an_ellipsis_and_no_line_is_wider_than_the_room()
    {
        var fit = LabelFit.Fit(new string('a', 30) + " " + new string('b', 30) + " " + new string('c', 30), 120, 12);
        Assert.That(fit.Lines, Has.Count.EqualTo(2));
        Assert.That(fit.Lines[^1], Does.EndWith("\u2026"));
        Assert.That(fit.Shortened, Is.True);
        Assert.That(fit.Lines.Select(l => SvgText.EstimateWidth(l, 12)), Has.All.LessThanOrEqualTo(120));
    }

    [Test]
    public void Room_is_the_widest_label_capped()
    {
        Assert.That(LabelFit.Room(["ab", "abcd"], 10, 1000), Is.EqualTo(SvgText.EstimateWidth("abcd", 10)));
        Assert.That(LabelFit.Room(["ab", new string('x', 100)], 10, 50), Is.EqualTo(50));
    }
}
