using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>A stand-in for a HEF file that the emulator's <c>parse-hef</c> reads: JSON naming the model, the archs it is
/// compatible with and its network I/O. Not a real HEF; real hailortcli rejects it.</summary>
public sealed record StandInHef(
    [property: JsonPropertyName("perflab_stand_in_hef")] int Marker,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("network_group")] string NetworkGroup,
    [property: JsonPropertyName("compatible_archs")] IReadOnlyList<string> CompatibleArchs,
    [property: JsonPropertyName("inputs")] IReadOnlyList<StandInStream> Inputs,
    [property: JsonPropertyName("outputs")] IReadOnlyList<StandInStream> Outputs)
{
    /// <summary>Null when the file is not a stand-in (a real binary HEF, or other JSON).</summary>
    public static StandInHef? TryRead(string path)
    {
        try
        {
            var hef = JsonSerializer.Deserialize<StandInHef>(File.ReadAllText(path));
            return hef is { Marker: 1 } && hef.Model.Length > 0 ? hef : null;
        }
        catch (JsonException) { return null; }
        catch (NotSupportedException) { return null; }
    }

    /// <summary>Bytes of one frame in or out, for the send/recv rates hailortcli derives from FPS.</summary>
    public static long FrameBytes(IEnumerable<StandInStream> streams) => streams.Sum(s => s.Bytes);
}

/// <summary>One stream of a stand-in HEF: "input_layer1 UINT8 NHWC(128x1x128)".</summary>
public sealed record StandInStream(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("order")] string Order,
    [property: JsonPropertyName("shape")] string Shape)
{
    [JsonIgnore]
    public long Bytes
    {
        get
        {
            var size = Type switch { "UINT16" => 2, "FLOAT32" => 4, _ => 1 };
            long n = 1;
            foreach (var d in Shape.Split('x'))
            {
                if (!long.TryParse(d, out var v)) return 0;
                n *= v;
            }
            return n * size;
        }
    }
}
