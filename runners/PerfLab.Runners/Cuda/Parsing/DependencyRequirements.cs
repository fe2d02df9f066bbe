using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>What a Hydra step needs from its host, and the checks that say whether a probe report meets it.</summary>
/// <param name="Checkout">The Hydra kernel folder <c>hydra</c> must resolve under (null: the module is not required).</param>
public sealed record DependencyRequirements(bool RequireCuda, bool RequireTriton, string? Checkout)
{
    public IReadOnlyList<Check> Evaluate(DependencyProbeReport r)
    {
        var checks = new List<Check>
        {
            new("dependency.torch", r.Torch is not null, r.Torch is { } t ? $"torch {t}" : "torch not importable: " + r.Errors.GetValueOrDefault("torch", "?")),
        };
        if (RequireCuda)
        {
            checks.Add(new Check("dependency.cuda", r.CudaAvailable,
                r.CudaAvailable ? $"torch.cuda.is_available() on {r.DeviceName} (CUDA {r.TorchCuda})"
                : $"torch.cuda.is_available() is False (torch CUDA build: {r.TorchCuda ?? "none"})"));
        }
        if (RequireTriton)
            checks.Add(new Check("dependency.triton", r.Triton is not null, r.Triton is { } tr ? $"triton {tr}" : "triton not importable: " + r.Errors.GetValueOrDefault("triton", "?")));
        if (Checkout is not null) checks.Add(HydraModuleCheck(r, Checkout));
        return checks;
    }

    private static Check HydraModuleCheck(DependencyProbeReport r, string checkout)
    {
        const string name = "dependency.hydra-module";
        if (r.HydraOrigin is null)
            return new Check(name, false, "'import hydra' resolves to nothing" + (r.Errors.TryGetValue("hydra", out var e) ? ": " + e : ""));
        if (r.HydraLooksLikeHydraCore || !IsUnder(r.HydraOrigin, checkout))
        {
            var core = r.HydraCore is { } v ? $" (hydra-core {v} is installed)" : "";
            return new Check(name, false, $"'import hydra' resolves to {r.HydraOrigin}, outside the kernel checkout {checkout}: the unrelated hydra-core package{core}, not the Hydra kernel");
        }
        return new Check(name, true, $"'import hydra' resolves to {r.HydraOrigin}");
    }

    private static bool IsUnder(string path, string folder)
    {
        var root = Path.GetFullPath(folder).TrimEnd('/') + "/";
        return Path.GetFullPath(path).StartsWith(root, StringComparison.Ordinal);
    }
}
