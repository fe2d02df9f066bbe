namespace PerfLab.Harness.Domain;

/// <summary>Matches devices by label: every named label must have one of the listed values.</summary>
public sealed record DeviceSelector(IReadOnlyDictionary<string, IReadOnlyList<string>> Labels)
{
    public bool Matches(Device device) =>
        Labels.All(kv => device.Labels.TryGetValue(kv.Key, out var v)
                         && kv.Value.Any(allowed => string.Equals(allowed, v, StringComparison.OrdinalIgnoreCase)));

    public override string ToString() =>
        string.Join(", ", Labels.Select(kv => $"{kv.Key}={string.Join("|", kv.Value)}"));
}
