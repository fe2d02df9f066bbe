using System.Text;

namespace PerfLab.Results.Import;

/// <summary>Splits one CSV line into fields (RFC 4180 quoting within a line: "a,b" and "" for a quote).</summary>
public static class CsvFields
{
    /// <summary>The fields, or null with an error when a quote is left open or stray text follows a closing quote.</summary>
    public static IReadOnlyList<string>? Split(string line, out string? error)
    {
        error = null;
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) { error = "a quoted field is not closed"; return null; }
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',') { error = $"unexpected text after a closing quote at column {i + 1}"; return null; }
            }
            else
            {
                while (i < line.Length && line[i] != ',') field.Append(line[i++]);
            }
            fields.Add(field.ToString());
            field.Clear();
            if (i >= line.Length) return fields;
            i++; // the comma
        }
    }
}
