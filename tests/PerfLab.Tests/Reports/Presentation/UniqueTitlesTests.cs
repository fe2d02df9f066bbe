using NUnit.Framework;
using PerfLab.Reports.Presentation;

namespace PerfLab.Tests.Reports.Presentation;

public sealed class UniqueTitlesTests
{
    [Test]
    public void Unique_titles_stay_as_they_are()
    {
        Assert.That(UniqueTitles.Make([("A", "x"), ("B", "y")]), Is.EqualTo(new[] { "A", "B" }));
    }

    [Test]
    public void Titles_that_collide_get_their_qualifier_and_then_a_number()
    {
        // The nightly's two soak_fps charts of Hydra on the Hailo-10H (the throughput suite's and the soak suite's).
        var titles = UniqueTitles.Make([
            ("Sustained FPS — model=hydra on HAILO10H", "hailo-hef-throughput, key 5080e51b75a6949a"),
            ("Sustained FPS — model=hydra on HAILO10H", "hailo-thermal-soak, key 53ddee36ad05fa67"),
            ("Same", "q"), ("Same", "q"), ("Other", "q"),
        ]);
        Assert.That(titles, Is.EqualTo(new[]
        {
            "Sustained FPS — model=hydra on HAILO10H (hailo-hef-throughput, key 5080e51b75a6949a)",
            "Sustained FPS — model=hydra on HAILO10H (hailo-thermal-soak, key 53ddee36ad05fa67)",
            "Same (q) #1", "Same (q) #2", "Other",
        }));
        Assert.That(titles, Is.Unique);
    }

    [Test]
    public void Colliding_titles_get_the_first_qualifier_that_tells_them_apart()
    {
        var titles = UniqueTitles.Make([
            ("Sustained FPS — model=hydra on HAILO10H", (IReadOnlyList<string>)["hailo-hef-throughput", "key 5080e51b"]),
            ("Sustained FPS — model=hydra on HAILO10H", (IReadOnlyList<string>)["hailo-thermal-soak", "key 53ddee36"]),
            ("FPS — a on X", (IReadOnlyList<string>)["same-suite", "key 1"]),
            ("FPS — a on X", (IReadOnlyList<string>)["same-suite", "key 2"]),
            ("Alone", (IReadOnlyList<string>)["s", "k"]),
        ]);
        Assert.That(titles, Is.EqualTo(new[]
        {
            "Sustained FPS — model=hydra on HAILO10H (hailo-hef-throughput)", "Sustained FPS — model=hydra on HAILO10H (hailo-thermal-soak)",
            "FPS — a on X (key 1)", "FPS — a on X (key 2)", "Alone",
        }));
    }

    [TestCase("gate max 85 °C", "85 °C", "gate max 85 °C")]
    [TestCase("gate max", "85 °C", "gate max 85 °C")]
    [TestCase("limit", "", "limit")]
    public void A_legend_label_says_its_value_once(string label, string value, string expected) =>
        Assert.That(LegendText.LabelWithValue(label, value), Is.EqualTo(expected));
}
