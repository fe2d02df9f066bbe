using System.Security.Cryptography;
using System.Text;
using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>Deterministic ids and comparability keys for imported runs, so importing the same file twice stores it once.</summary>
public static class IngestIdentity
{
    /// <summary>Family recorded for devices that PerfLab did not discover itself.</summary>
    public const string ExternalFamily = "external";

    /// <summary>"ingest-" + 12 hex of the suite × device × build × branch identity; the run id adds 8 hex of the content.</summary>
    public static string Prefix(string suite, string device, string build, string branch) =>
        "ingest-" + Hash(suite, device, build, branch)[..12] + "-";

    /// <summary>The run id: <see cref="Prefix"/> plus a hash of everything stored for the run.</summary>
    public static string RunId(string prefix, string contentHash) => prefix + contentHash[..8];

    /// <summary>A comparability key built the way the engine builds one (sorted key=value lines, sha256, 16 hex).</summary>
    public static (string Key, IReadOnlyDictionary<string, string> Parts) ComparabilityKey(
        string suite, string suiteVersion, Device device, IReadOnlyDictionary<string, string> parameters, string? caseName)
    {
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["suite"] = suite,
            ["suite.version"] = suiteVersion,
            ["device.family"] = device.Family,
            ["device.model"] = device.Model,
            ["device.emulated"] = device.Emulated ? "true" : "false",
        };
        // CSV histories have no parameters: the case name is what tells two of their cases apart.
        if (caseName is not null) parts["case"] = caseName;
        foreach (var (k, v) in parameters) parts["param." + k] = v;
        foreach (var name in device.KeyProperties)
            if (device.Properties.TryGetValue(name, out var v)) parts["device." + name] = v;
        var canonical = string.Join("\n", parts.Select(kv => kv.Key + "=" + kv.Value));
        return (Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16], parts);
    }

    /// <summary>sha256 (hex) of length-prefixed parts, so ("ab","c") and ("a","bc") differ.</summary>
    public static string Hash(params IEnumerable<string> parts)
    {
        var text = new StringBuilder();
        foreach (var p in parts) text.Append(p.Length).Append(':').Append(p).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>sha256 (hex) of a file's bytes.</summary>
    public static string FileHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
