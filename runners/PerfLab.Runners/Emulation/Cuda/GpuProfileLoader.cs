using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PerfLab.Runners.Emulation.Cuda;

/// <summary>Reads <c>suites/devices/gpu-*.yaml</c> emulation profiles; every problem names the file and line.</summary>
public static class GpuProfileLoader
{
    public const string FilePattern = "gpu-*.yaml";

    /// <summary>All profiles in a folder, sorted by id.</summary>
    public static IReadOnlyList<GpuProfile> LoadAll(string directory) =>
        Directory.GetFiles(directory, FilePattern).Order(StringComparer.Ordinal).Select(Load).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    public static GpuProfile Load(string path)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path)) stream.Load(reader);
            root = stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode m
                ? m : throw new InvalidDataException($"{path}: expected one YAML mapping");
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}", e);
        }
        string Str(YamlMappingNode map, string key, string where = "")
        {
            if (map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { Length: > 0 } v }) return v;
            throw new InvalidDataException($"{path}:{map.Start.Line}: missing '{where}{key}'");
        }
        double Num(YamlMappingNode map, string key, string where = "")
        {
            var text = Str(map, key, where);
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0
                ? v : throw new InvalidDataException($"{path}:{map.Start.Line}: '{where}{key}' must be a non-negative number, got '{text}'");
        }
        YamlMappingNode Map(string key) =>
            root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlMappingNode m
                ? m : throw new InvalidDataException($"{path}:{root.Start.Line}: missing mapping '{key}'");

        var clocks = Map("clocks");
        var power = Map("power");
        var temp = Map("temperature");
        var decode = Map("decode_8192");
        BuildRegression? regression = null;
        if (root.Children.TryGetValue(new YamlScalarNode("regression"), out var reg) && reg is YamlMappingNode r)
            regression = new BuildRegression(Str(r, "from_build", "regression."), Num(r, "factor", "regression."));
        var profile = new GpuProfile(
            Str(root, "id"), Str(root, "seed_row"), Str(root, "name"), Str(root, "uuid"), Str(root, "compute_cap"),
            Num(root, "memory_total_mib"), Str(root, "driver"), Str(root, "cuda"), Str(root, "torch"), Str(root, "triton"), Str(root, "python"),
            Num(clocks, "sm_max", "clocks."), Num(clocks, "mem", "clocks."),
            Num(power, "idle", "power."), Num(power, "load", "power."), Num(power, "limit", "power."),
            Num(temp, "idle", "temperature."), Num(temp, "load", "temperature."),
            Num(decode, "smoke_ms", "decode_8192."), Num(decode, "hf_mean_ms", "decode_8192."),
            Num(root, "noise_pct"), regression, Path.GetFullPath(path));
        if (profile.SmokeMs <= 0 || profile.HfMeanMs <= 0) throw new InvalidDataException($"{path}: decode_8192 figures must be positive");
        return profile;
    }
}
