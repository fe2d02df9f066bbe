namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>What <c>hailortcli parse-hef</c> says about a HEF: the archs it runs on and its network I/O.</summary>
/// <param name="CompatibleArchs">From "HEF Compatible for:" (5.1+) or "Architecture HEF was compiled for:" (4.13–5.0);
/// empty when the tool printed neither (≤4.10).</param>
public sealed record HefDescription(
    IReadOnlyList<string> CompatibleArchs,
    string? CompilerVersion,
    IReadOnlyList<string> NetworkGroups,
    IReadOnlyList<HefStream> Streams)
{
    public IEnumerable<HefStream> Inputs => Streams.Where(s => s.Direction == StreamDirection.Input);

    public IEnumerable<HefStream> Outputs => Streams.Where(s => s.Direction == StreamDirection.Output);

    /// <summary>The streams of one direction as a fact: "input_layer1 UINT8 NHWC(640x640x3); ...". A HEF with several network
    /// groups names each stream's group ("yolov8s: input_layer1 ..."), since their short names repeat from group to group.</summary>
    public string DescribeStreams(StreamDirection direction) =>
        string.Join("; ", Streams.Where(s => s.Direction == direction)
            .Select(s => NetworkGroups.Count > 1 ? $"{s.Group}: {s.Describe()}" : s.Describe()));

    /// <summary>Whether a device of this arch may run the HEF; unknown (no header) counts as compatible.</summary>
    public bool RunsOn(string arch) =>
        CompatibleArchs.Count == 0 || CompatibleArchs.Any(a => string.Equals(a, arch, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One virtual stream of a network: "Input yolov8n/input_layer1 UINT8, NHWC(640x640x3)".</summary>
/// <param name="Network">The network as "Network name:" gives it ("group/network"), else the group.</param>
/// <param name="Name">The full name as printed (network prefix included).</param>
/// <param name="Shape">The text inside the format's parentheses, e.g. "640x640x3" or the NMS description.</param>
/// <param name="Group">The network group whose "Network group name:" header the stream is listed under.</param>
public sealed record HefStream(string Network, StreamDirection Direction, string Name, string DataType, string FormatOrder, string Shape, string Group)
{
    /// <summary>The stream name without its network prefix ("input_layer1").</summary>
    public string ShortName => Name.Contains('/') ? Name[(Name.LastIndexOf('/') + 1)..] : Name;

    /// <summary>"input_layer1 UINT8 NHWC(128x1x128)", as a fact line.</summary>
    public string Describe() => $"{ShortName} {DataType} {FormatOrder}({Shape})";
}

/// <summary>Direction of a HEF stream.</summary>
public enum StreamDirection
{
    Input = 1,
    Output = 2,
}
