using System.Globalization;
using System.Text;
using System.Xml;
using PerfLab.Harness.Text;
using PerfLab.Harness.Analysis;

namespace PerfLab.Reports.Gate;

/// <summary>Writes a gate as JUnit XML: one testsuite per suite × device, one testcase per case × metric. A regression is a
/// failure, an error is an error, no-baseline and inconclusive are skipped (with their reason) unless the gate counts them as
/// needing action, in which case they are errors, so CI shows the same outcome as the exit code. Pure: report in, text out.</summary>
public static class JUnitGateWriter
{
    public static string Write(GateReport report)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CheckCharacters = true };
        var sb = new StringBuilder();
        using (var sw = new Utf8StringWriter(sb))
        using (var w = XmlWriter.Create(sw, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", Clean($"perflab gate {report.Candidate}"));
            WriteCounts(w, report, report.Items);
            foreach (var group in report.Items.GroupBy(i => (i.Suite, i.Device)).OrderBy(g => g.Key.Suite, StringComparer.Ordinal).ThenBy(g => g.Key.Device, StringComparer.Ordinal))
            {
                w.WriteStartElement("testsuite");
                w.WriteAttributeString("name", Clean($"{group.Key.Suite} on {group.Key.Device}"));
                WriteCounts(w, report, group.ToList());
                w.WriteStartElement("properties");
                Property(w, "candidate", report.Candidate);
                Property(w, "baseline", report.Baseline);
                Property(w, "baseline.description", report.BaselineDescription);
                w.WriteEndElement();
                foreach (var item in group) WriteCase(w, report, item);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return sb.ToString();
    }

    private static void WriteCase(XmlWriter w, GateReport report, GateItem i)
    {
        w.WriteStartElement("testcase");
        w.WriteAttributeString("classname", Clean($"perflab.{i.Suite}.{i.Device}"));
        w.WriteAttributeString("name", Clean($"{i.Case} [{i.Metric}]"));
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

    private static void WriteCounts(XmlWriter w, GateReport report, IReadOnlyCollection<GateItem> items)
    {
        w.WriteAttributeString("tests", items.Count.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("failures", items.Count(i => Kind(report, i) == "failure").ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("errors", items.Count(i => Kind(report, i) == "error").ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("skipped", items.Count(i => Kind(report, i) == "skipped").ToString(CultureInfo.InvariantCulture));
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
