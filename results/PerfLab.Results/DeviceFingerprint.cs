using System.Security.Cryptography;
using System.Text;

namespace PerfLab.Results;

/// <summary>The fingerprint of a device description: SHA-256 (hex) of its host and every stored column, each length-prefixed
/// so ("ab","c") and ("a","bc") differ. The store finds a description by it; a merge recomputes it, so a source cannot attach
/// its runs to a description under another's fingerprint.</summary>
internal static class DeviceFingerprint
{
    /// <summary>The fingerprint of the stored texts exactly as they are in the devices row.</summary>
    public static string Of(string host, string deviceId, string family, string model, bool emulated, string labels, string properties, string keyProperties)
    {
        var text = new StringBuilder();
        foreach (var p in new[] { host, deviceId, family, model, emulated ? "1" : "0", labels, properties, keyProperties })
            text.Append(p.Length).Append(':').Append(p).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
