using NUnit.Framework;
using PerfLab.Reports.Markdown;

namespace PerfLab.Tests.Reports;

public class MarkdownTextTests
{
    [Test]
    public void Stored_strings_cannot_break_a_table_or_inject_html()
    {
        var cell = MarkdownText.Cell("<script>alert(1)</script> | a\nb");
        Assert.That(cell, Does.Not.Contain("<script>"));
        Assert.That(cell, Does.Not.Contain("\n"));
        Assert.That(cell, Does.Contain("\\|"));
        Assert.That(cell, Does.Contain("&lt;script&gt;"));
    }

    [TestCase(855.6234, "855.62")]
    [TestCase(0.9061, "0.9061")]
    [TestCase(50582.5, "50582.50")]
    [TestCase(0.000123456, "0.000123")]
    public void Figures_keep_four_significant_digits_and_two_decimals(double value, string expected) =>
        Assert.That(NumberFormat.Figure(value), Is.EqualTo(expected));
}
