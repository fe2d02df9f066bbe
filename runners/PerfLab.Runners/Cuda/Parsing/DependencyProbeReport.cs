using System.Text.Json;

namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>What the dependency probe found on a host: interpreter, torch/CUDA, triton, and where <c>hydra</c> resolves.</summary>
public sealed record DependencyProbeReport(
    string Python,
    string? Torch,
    string? TorchCuda,
    bool CudaAvailable,
    string? DeviceName,
    string? DeviceCapability,
    string? Triton,
    string? Kernels,
    string? HydraCore,
    string? HydraOrigin,
    bool HydraLooksLikeHydraCore,
    string? Checkout,
    IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>Parses the probe's output: the JSON line after <see cref="DependencyProbeScript.Marker"/>.</summary>
    public static Parsed<DependencyProbeReport> Parse(string stdout)
    {
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var at = lines.FindLastIndex(l => l.Trim() == DependencyProbeScript.Marker);
        if (at < 0 || at + 1 >= lines.Count) return Parsed<DependencyProbeReport>.Fail("the dependency probe printed no result (marker line missing)");
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(lines[at + 1]).RootElement;
        }
        catch (JsonException e)
        {
            return Parsed<DependencyProbeReport>.Fail("the dependency probe's result is not JSON: " + e.Message);
        }
        if (root.ValueKind != JsonValueKind.Object || Str(root, "python") is not { } python)
            return Parsed<DependencyProbeReport>.Fail("the dependency probe's result has no 'python' field");
        var errors = root.EnumerateObject().Where(p => p.Name.EndsWith("_error", StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name[..^"_error".Length], p => p.Value.GetString()!, StringComparer.Ordinal);
        return Parsed<DependencyProbeReport>.Of(new DependencyProbeReport(
            python, Str(root, "torch"), Str(root, "torch_cuda"), Bool(root, "cuda_available"), Str(root, "device_name"),
            Str(root, "device_capability"), Str(root, "triton"), Str(root, "kernels"), Str(root, "hydra_core"),
            Str(root, "hydra_origin"), Bool(root, "hydra_looks_like_hydra_core"), Str(root, "checkout"), errors));
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
