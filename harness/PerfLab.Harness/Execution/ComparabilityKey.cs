using System.Security.Cryptography;
using System.Text;
using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Execution;

/// <summary>Everything that must match for two case results to be compared, and its short hash.</summary>
/// <remarks>
/// Built from the suite name and version, the matrix parameters, the device model and its key properties
/// (firmware, driver, runtime versions) and the facts runners marked as key (HEF sha256, torch version...).
/// The build under test is deliberately left out: comparing builds is the point of the key.
/// </remarks>
public sealed record ComparabilityKey(string Hash, IReadOnlyDictionary<string, string> Parts)
{
    public static ComparabilityKey Build(
        PlannedCase plannedCase, IReadOnlyDictionary<string, string> facts, IEnumerable<string> keyFacts)
    {
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["suite"] = plannedCase.Suite.Name,
            ["suite.version"] = plannedCase.Suite.Version,
            ["device.family"] = plannedCase.Device.Family,
            ["device.model"] = plannedCase.Device.Model,
            ["device.emulated"] = plannedCase.Device.Emulated ? "true" : "false",
        };
        foreach (var (k, v) in plannedCase.Point.Values) parts["param." + k] = v;
        foreach (var name in plannedCase.Device.KeyProperties)
        {
            if (plannedCase.Device.Properties.TryGetValue(name, out var v)) parts["device." + name] = v;
        }
        foreach (var name in keyFacts.Distinct(StringComparer.Ordinal))
        {
            if (facts.TryGetValue(name, out var v)) parts["fact." + name] = v;
        }
        var canonical = string.Join("\n", parts.Select(kv => kv.Key + "=" + kv.Value));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
        return new ComparabilityKey(hash, parts);
    }
}
