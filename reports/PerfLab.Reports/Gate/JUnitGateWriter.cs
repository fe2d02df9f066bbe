using System.Globalization;
using System.Text;
using System.Xml;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Gating;

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
            if (kind != "skipped") w.WriteString(Clean(Details(i)));
            w.WriteEndElement();
        }
        w.WriteElementString("system-out", Clean(Details(i)));
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
        return $"""
            verdict: {r.Verdict.ToWire()}
            reason: {r.Reason}
            device: {i.Device}
            suite: {i.Suite}
            case: {i.Case}
            metric: {i.Metric} ({i.Unit}, {(i.Better == Harness.Domain.Better.Higher ? "higher" : "lower")} is better)
            shift: {GateFigures.ShiftWithInterval(r)} at {GateFigures.Number(r.ConfidenceLevel * 100)} % confidence; {GateFigures.Number(r.Shift)} {i.Unit}
            threshold: {GateFigures.Threshold(r)}
            baseline: {string.Join(", ", i.BaselineBuilds)} ({GateFigures.Side(r.Baseline, i.Unit)})
            candidate: {i.CandidateBuild} ({GateFigures.Side(r.Candidate, i.Unit)}) runs {string.Join(", ", i.CandidateRunIds)}
            comparability key: {i.ComparabilityKey}
            """;
    }

    private static void Property(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("property");
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("value", Clean(value));
        w.WriteEndElement();
    }

    /// <summary>Replaces characters XML 1.0 cannot carry (control characters, lone surrogates) with U+FFFD; the writer escapes the rest.</summary>
    public static string Clean(string text)
    {
        StringBuilder? sb = null;
        for (var k = 0; k < text.Length; k++)
        {
            var ch = text[k];
            bool ok;
            if (char.IsHighSurrogate(ch) && k + 1 < text.Length && char.IsLowSurrogate(text[k + 1])) { sb?.Append(ch).Append(text[k + 1]); k++; continue; }
            ok = XmlConvert.IsXmlChar(ch);
            if (ok) { sb?.Append(ch); continue; }
            sb ??= new StringBuilder(text[..k]);
            sb.Append('\uFFFD');
        }
        return sb?.ToString() ?? text;
    }

    private sealed class Utf8StringWriter(StringBuilder sb) : StringWriter(sb, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
