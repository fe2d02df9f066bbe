using System.Text;

namespace PerfLab.Results.Untrusted;

/// <summary>SQLite URI file names (https://sqlite.org/uri.html): a path percent-encoded so that no character of it (a '?', '#',
/// '%' or space in a file name) is read as URI syntax.</summary>
internal static class SqliteUri
{
    /// <summary><c>file:</c> + the encoded absolute path + an optional query (e.g. <c>mode=ro&amp;immutable=1</c>).</summary>
    public static string File(string path, string? query = null)
    {
        var sb = new StringBuilder("file:");
        foreach (var b in Encoding.UTF8.GetBytes(Path.GetFullPath(path)))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '~' or '-') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (query is not null) sb.Append('?').Append(query);
        return sb.ToString();
    }
}
