namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>Splits <c>--format=csv,noheader,nounits</c> rows into named values; <c>[N/A]</c> and <c>[Not Supported]</c> become null.</summary>
public static class NvidiaSmiCsv
{
    /// <summary>One dictionary per data row, keyed by the queried field names; rows with the wrong column count are errors.</summary>
    public static Parsed<IReadOnlyList<IReadOnlyDictionary<string, string?>>> Parse(string text, IReadOnlyList<string> fields)
    {
        var rows = new List<IReadOnlyDictionary<string, string?>>();
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var cells = line.Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != fields.Count)
                return Parsed<IReadOnlyList<IReadOnlyDictionary<string, string?>>>.Fail(
                    $"line {lineNo}: {cells.Length} values for {fields.Count} fields: '{line}'");
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < fields.Count; i++) row[fields[i]] = IsMissing(cells[i]) ? null : cells[i];
            rows.Add(row);
        }
        return Parsed<IReadOnlyList<IReadOnlyDictionary<string, string?>>>.Of(rows);
    }

    public static bool IsMissing(string cell) =>
        cell.Length == 0 || cell.StartsWith("[N/A", StringComparison.Ordinal) || cell.StartsWith("[Not Supported", StringComparison.Ordinal)
        || cell == "N/A" || cell.StartsWith("[Unknown", StringComparison.Ordinal);
}
