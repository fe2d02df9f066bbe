using System.Globalization;
using System.Text;
using System.Xml;
using PerfLab.Harness.Text;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Gating;

namespace PerfLab.Reports.Gate;

/// <summary>Writes a gate as JUnit XML: one testsuite per suite × device, one testcase per series (case × metric × comparability
/// key). A regression is a failure, an error is an error, no-baseline and inconclusive are skipped (with their reason) unless
/// the gate counts them as needing action, in which case they are errors, so CI shows the same outcome as the exit code.
/// The output validates against the Jenkins xUnit plugin's JUnit schema (junit-10.xsd): <c>skipped</c> only on testsuite,
/// <c>time</c> on every suite. Pure: report in, text out.</summary>
public static class JUnitGateWriter
{
    /// <summary>How many hex digits of the comparability key a test name carries.</summary>
    public const int KeyDigits = 8;

    /// <summary>The report as JUnit XML text.</summary>
    public static string Write(GateReport report)
    {
        var names = TestNames(report.Items);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CheckCharacters = true };
        var sb = new StringBuilder();
        using (var sw = new Utf8StringWriter(sb))
        using (var w = XmlWriter.Create(sw, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", Clean($"perflab gate {report.Candidate}"));
            WriteCounts(w, report, report.Items, withSkipped: false);
            foreach (var group in report.Items.GroupBy(i => (i.Suite, i.Device)).OrderBy(g => g.Key.Suite, StringComparer.Ordinal).ThenBy(g => g.Key.Device, StringComparer.Ordinal))
            {
                w.WriteStartElement("testsuite");
                w.WriteAttributeString("name", Clean($"{group.Key.Suite} on {group.Key.Device}"));
                WriteCounts(w, report, group.ToList(), withSkipped: true);
                w.WriteStartElement("properties");
                Property(w, "candidate", report.Candidate);
                Property(w, "baseline", report.Baseline);
                Property(w, "baseline.description", report.BaselineDescription);
                w.WriteEndElement();
                foreach (var item in group) WriteCase(w, report, item, names[item]);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return sb.ToString();
    }

    /// <summary>The test name of every item: "case [metric] (key 1a2b3c4d)". The key's digits make two series that differ
    /// only in a key property (firmware, driver) two tests, and keep a series' name the same from one gate to the next
    /// whatever else the gate holds. Items without a key (an aborted run) name their runs; a name still taken gets " #2", " #3".</summary>
    public static IReadOnlyDictionary<GateItem, string> TestNames(IReadOnlyList<GateItem> items)
    {
        var names = new Dictionary<GateItem, string>(ReferenceEqualityComparer.Instance);
        var taken = new HashSet<(string, string)>();
        foreach (var i in items)
        {
            var key = i.ComparabilityKey.Length == 0
                ? "runs " + string.Join(", ", i.CandidateRunIds)
                : "key " + i.ComparabilityKey[..Math.Min(KeyDigits, i.ComparabilityKey.Length)];
            var name = $"{i.Case} [{i.Metric}] ({key})";
            var classname = ClassName(i);
            if (!taken.Add((classname, name)))
            {
                // same series twice: the same key and metric measured in another unit
                var unit = $"{name} [{i.Unit}]";
                name = unit;
                for (var n = 2; !taken.Add((classname, name)); n++) name = $"{unit} #{n}";
            }
            names[i] = Clean(name);
        }
        return names;
    }

    private static string ClassName(GateItem i) => Clean($"perflab.{i.Suite}.{i.Device}");

    private static void WriteCase(XmlWriter w, GateReport report, GateItem i, string name)
    {
        w.WriteStartElement("testcase");
        w.WriteAttributeString("classname", ClassName(i));
        w.WriteAttributeString("name", name);
        // a verdict is computed from stored samples, not timed: the test itself took no measurable time
        w.WriteAttributeString("time", "0");
        var headline = Clean(GateFigures.Headline(i));
        var kind = Kind(report, i);
        if (kind is not null)
        {
            w.WriteStartElement(kind);
            // a failure's headline names every figure; the others say why there is no figure
            w.WriteAttributeString("message", kind == "failure" || !double.IsFinite(i.Result.ShiftPercent) ? headline : headline + " (" + Clean(i.Result.Reason) + ")");
            if (kind != "skipped") w.WriteAttributeString("type", i.Verdict.ToWire());
            if (kind != "skipped") w.WriteString(Details(i));
            w.WriteEndElement();
        }
        w.WriteElementString("system-out", Details(i));
        w.WriteEndElement();
    }

    private static string? Kind(GateReport report, GateItem i) => i.Verdict switch
    {
        Verdict.Regression => "failure",
        Verdict.Error => "error",
        Verdict.NoBaseline or Verdict.Inconclusive => report.NeedsAction(i) ? "error" : "skipped",
        _ => null,
    };

    // The schema allows 'skipped' on <testsuite> only (Jenkins rejects it on <testsuites>); a missing 'time' shows as
    // "NaNms" in GitHub's test-report actions, so every suite carries one.
    private static void WriteCounts(XmlWriter w, GateReport report, IReadOnlyCollection<GateItem> items, bool withSkipped)
    {
        w.WriteAttributeString("tests", items.Count.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("failures", items.Count(i => Kind(report, i) == "failure").ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("errors", items.Count(i => Kind(report, i) == "error").ToString(CultureInfo.InvariantCulture));
        if (withSkipped) w.WriteAttributeString("skipped", items.Count(i => Kind(report, i) == "skipped").ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("time", "0");
    }

    private static string Details(GateItem i)
    {
        var r = i.Result;
        // Stored strings escaped one by one (PrintableText), so only these line ends are line ends.
        static string E(string? s) => PrintableText.Escape(s);
        return $"""
            verdict: {r.Verdict.ToWire()}
            reason: {E(r.Reason)}
            device: {E(i.Device)}
            suite: {E(i.Suite)}
            case: {E(i.Case)}
            metric: {E(i.Metric)} ({E(i.Unit)}, {(i.Better == Harness.Domain.Better.Higher ? "higher" : "lower")} is better)
            shift: {GateFigures.ShiftWithInterval(r)} at {GateFigures.Number(r.ConfidenceLevel * 100)} % confidence; {GateFigures.Number(r.Shift)} {E(i.Unit)}
            threshold: {GateFigures.Threshold(r)}
            baseline: {E(string.Join(", ", i.BaselineBuilds))} ({E(GateFigures.Side(r.Baseline, i.Unit))})
            candidate: {E(i.CandidateBuild)} ({E(GateFigures.Side(r.Candidate, i.Unit))}) runs {E(string.Join(", ", i.CandidateRunIds))}
            comparability key: {E(i.ComparabilityKey)}
            """;
    }

    private static void Property(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("property");
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("value", Clean(value));
        w.WriteEndElement();
    }

    /// <summary>Escapes control and invisible characters visibly (<see cref="PrintableText"/>): XML 1.0 cannot carry most of them,
    /// and a CI log that shows the file must not get them raw.</summary>
    public static string Clean(string text) => PrintableText.Escape(text);

    private sealed class Utf8StringWriter(StringBuilder sb) : StringWriter(sb, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
