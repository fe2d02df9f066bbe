using NUnit.Framework;
using PerfLab.Reports.Charts;

namespace PerfLab.Tests.Reports.Charts;

public class SvgTextTests
{
    [TestCase("a & b", "a &amp; b")]
    [TestCase("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [TestCase("say \"hi\" 'x'", "say &quot;hi&quot; &#39;x&#39;")]
    [TestCase("bell\u0007 line\nnext", "bell\uFFFD line next")]
    [TestCase("emoji \U0001F525 ok", "emoji \U0001F525 ok")]
    public void Escape_leaves_only_text_XML_accepts(string input, string expected) =>
        Assert.That(SvgText.Escape(input), Is.EqualTo(expected));

    [Test]
    public void A_lone_surrogate_becomes_a_replacement_character() =>
        Assert.That(SvgText.Escape("lone " + (char)0xD800 + " surrogate"), Is.EqualTo("lone \uFFFD surrogate"));

    [TestCase(12.0, "12.0")]
    [TestCase(-0.04, "0.0")]
    [TestCase(3.25, "3.3")]
    [TestCase(-3.25, "-3.3")]
    public void Coordinates_have_one_fixed_decimal(double value, string expected) =>
        Assert.That(SvgText.Coordinate(value), Is.EqualTo(expected));

    [TestCase(855.6234, "855.6")]
    [TestCase(50582.5, "50,583")]
    [TestCase(0.9061, "0.9061")]
    [TestCase(-12.346, "-12.35")]
    [TestCase(0.0, "0")]
    [TestCase(double.NaN, "n/a")]
    public void Values_keep_about_four_significant_digits(double value, string expected) =>
        Assert.That(SvgText.Value(value), Is.EqualTo(expected));

    [TestCase(12.34, "+12.3%")]
    [TestCase(-4.0, "\u22124.0%")]
    public void Percentages_carry_a_sign(double value, string expected) =>
        Assert.That(SvgText.Percent(value), Is.EqualTo(expected));
}
