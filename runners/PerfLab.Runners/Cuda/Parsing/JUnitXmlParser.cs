using System.Xml;
using System.Xml.Linq;

namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>Counts a pytest <c>--junitxml</c> report's test cases by outcome.</summary>
/// <remarks>Counts come from the <c>testcase</c> elements, not the suite attributes, so a report whose totals disagree
/// with its cases is caught by the caller's cross-check against the terminal summary rather than trusted.
/// pytest writes a skip as <c>&lt;skipped&gt;</c>, an xfail as <c>&lt;skipped type="pytest.xfail"&gt;</c>, a setup or
/// collection problem as <c>&lt;error&gt;</c> and a failed assertion as <c>&lt;failure&gt;</c>.</remarks>
public static class JUnitXmlParser
{
    public static Parsed<PytestCounts> Parse(string xml)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Parse(xml);
        }
        catch (XmlException e)
        {
            return Parsed<PytestCounts>.Fail($"not valid XML (line {e.LineNumber}): {e.Message}");
        }
        var root = doc.Root;
        if (root is null || (root.Name.LocalName != "testsuites" && root.Name.LocalName != "testsuite"))
            return Parsed<PytestCounts>.Fail($"root element is <{root?.Name.LocalName}>, expected <testsuites> or <testsuite>");

        int passed = 0, failed = 0, skipped = 0, errors = 0, xfailed = 0;
        foreach (var tc in root.DescendantsAndSelf().Where(e => e.Name.LocalName == "testcase"))
        {
            var children = tc.Elements().Select(e => e.Name.LocalName).ToList();
            var skip = tc.Elements().FirstOrDefault(e => e.Name.LocalName == "skipped");
            if (children.Contains("error")) errors++;
            else if (children.Contains("failure")) failed++;
            else if (skip is not null && (string?)skip.Attribute("type") == "pytest.xfail") xfailed++;
            else if (skip is not null) skipped++;
            else passed++;
        }

        // A collection error has no testcase of its own in some pytest versions; the suite attribute still counts it.
        var suiteErrors = root.DescendantsAndSelf().Where(e => e.Name.LocalName == "testsuite")
            .Sum(s => int.TryParse((string?)s.Attribute("errors"), out var n) ? n : 0);
        errors = Math.Max(errors, suiteErrors);
        return Parsed<PytestCounts>.Of(new PytestCounts(passed, failed, skipped, errors, XFailed: xfailed));
    }
}
