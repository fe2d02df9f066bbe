using System.Globalization;
using System.Text;
using PerfLab.Harness.Domain;
using PerfLab.Results.Import;

namespace PerfLab.Results.Export;

/// <summary>Writes samples as CSV in the exact shape <c>perflab ingest</c> reads (<see cref="CsvHistoryReader.Header"/>, one row
/// per sample), with every text cell neutralised for spreadsheets and quoted per RFC 4180. Pure: rows in, text out.</summary>
public static class SpreadsheetCsvWriter
{
    /// <summary>The CSV text (header first, '\n' line ends).</summary>
    public static string Write(IEnumerable<ExportRow> rows)
    {
        var csv = new StringBuilder(CsvHistoryReader.Header).Append('\n');
        foreach (var r in rows)
        {
            csv.Append(r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(',')
                .Append(Cell(r.Build)).Append(',').Append(Cell(r.DeviceModel)).Append(',').Append(Cell(r.Suite)).Append(',')
                .Append(Cell(r.Case)).Append(',').Append(Cell(r.Metric)).Append(',').Append(Cell(r.Unit)).Append(',')
                .Append(r.Better == Better.Higher ? "higher" : "lower").Append(',')
                .Append(r.Value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>A text cell: neutralised, then quoted when it holds a comma, quote, line break or edge space.</summary>
    public static string Cell(string text)
    {
        var safe = SpreadsheetCell.Neutralise(text);
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 || safe != safe.Trim()
            ? "\"" + safe.Replace("\"", "\"\"") + "\""
            : safe;
    }
}
