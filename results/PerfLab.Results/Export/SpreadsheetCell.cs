namespace PerfLab.Results.Export;

/// <summary>Makes a stored text safe in a spreadsheet cell: a text starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab
/// or a carriage return would be run as a formula by Excel, LibreOffice or Google Sheets, so it gets a leading apostrophe
/// (shown as text, and visible as changed). Numbers PerfLab writes itself are never passed through here.</summary>
public static class SpreadsheetCell
{
    /// <summary>The text, with a leading apostrophe when a spreadsheet would read it as a formula.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
