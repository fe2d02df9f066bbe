using System.Security.Cryptography;
using System.Text;

namespace PerfLab.Reports.Interactive;

/// <summary>What an HTML page inlines to draw its <see cref="TrendView"/>: uPlot (pinned, embedded from the npm tarball, MIT) and
/// PerfLab's glue, as one script whose SHA-256 the page's Content-Security-Policy allows, and their styles.</summary>
/// <param name="Script">uPlot's minified build, then <c>trend-view.js</c>.</param>
/// <param name="ScriptHash">The CSP source of <see cref="Script"/>: <c>sha256-</c> and the base64 digest of its UTF-8 bytes.</param>
/// <param name="Style">uPlot's stylesheet, then <c>trend-view.css</c>.</param>
/// <param name="Licence">uPlot's name, version, source and MIT licence text, printed in the page source beside the script.</param>
public sealed record TrendViewAssets(string Script, string ScriptHash, string Style, string Licence)
{
    /// <summary>The uPlot release embedded (npm <c>uplot@1.6.32</c>, tarball integrity in Interactive/uplot/README.md).</summary>
    public const string UPlotVersion = "1.6.32";

    /// <summary>Reads the embedded files once; a file that could end its element early is refused.</summary>
    public static TrendViewAssets Load()
    {
        var script = Read("uPlot.iife.min.js").TrimEnd() + "\n" + Read("trend-view.js").TrimEnd() + "\n";
        var style = Read("uPlot.min.css").TrimEnd() + "\n" + Read("trend-view.css").TrimEnd() + "\n";
        var licence = $"The interactive trend view draws with uPlot {UPlotVersion} (https://github.com/leeoniya/uPlot, npm uplot@{UPlotVersion}), " +
                      "inlined below under its licence:\n\n" + Read("LICENSE").Trim() + "\n";
        if (script.Contains("</script", StringComparison.OrdinalIgnoreCase) || script.Contains("<!--", StringComparison.Ordinal))
            throw new InvalidOperationException("the embedded trend view script holds '</script' or '<!--' and cannot be inlined");
        if (style.Contains("</style", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("the embedded trend view style holds '</style' and cannot be inlined");
        if (licence.Contains("--", StringComparison.Ordinal))
            throw new InvalidOperationException("the uPlot licence text holds '--' and cannot sit in an HTML comment");
        return new TrendViewAssets(script, "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script))), style, licence);
    }

    private static string Read(string file)
    {
        using var stream = typeof(TrendViewAssets).Assembly.GetManifestResourceStream("PerfLab.Reports.Interactive." + file)
                           ?? throw new InvalidOperationException($"embedded file {file} of the trend view is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }
}
