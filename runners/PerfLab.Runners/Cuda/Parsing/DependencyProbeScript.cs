namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>The Python snippet PerfLab runs as <c>python -c SOURCE CHECKOUT</c> to learn what a CUDA host offers.</summary>
/// <remarks>It prints one JSON object and never raises: every import failure is reported as a field. It locates
/// <c>hydra</c> with <c>importlib.util.find_spec</c> after putting <c>CHECKOUT/torch-ext</c> first on the path, the way
/// the Hydra benchmark does, without executing the package (which would import triton and need a GPU), and says
/// whether that folder looks like hydra-core (it has <c>core/</c> and <c>_internal/</c>, the kernel has neither).</remarks>
public static class DependencyProbeScript
{
    /// <summary>The marker line the snippet prints before its JSON, so stray output from imports cannot be mistaken for it.</summary>
    public const string Marker = "PERFLAB_DEPENDENCY_PROBE";

    public const string Source = """
import json, os, platform, sys
out = {"probe": 1, "python": platform.python_version(), "executable": sys.executable}
checkout = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] else None
out["checkout"] = checkout
def err(e):
    return type(e).__name__ + ": " + str(e)
try:
    import torch
    out["torch"] = torch.__version__
    out["torch_cuda"] = torch.version.cuda
    out["cuda_available"] = bool(torch.cuda.is_available())
    if out["cuda_available"]:
        out["device_name"] = torch.cuda.get_device_name(0)
        cap = torch.cuda.get_device_capability(0)
        out["device_capability"] = "%d.%d" % (cap[0], cap[1])
        out["device_count"] = torch.cuda.device_count()
except Exception as e:
    out["torch_error"] = err(e)
try:
    import triton
    out["triton"] = triton.__version__
except Exception as e:
    out["triton_error"] = err(e)
try:
    import importlib.metadata as md
    for dist, key in (("kernels", "kernels"), ("hydra-core", "hydra_core")):
        try:
            out[key] = md.version(dist)
        except md.PackageNotFoundError:
            out[key] = None
except Exception as e:
    out["metadata_error"] = err(e)
try:
    import importlib.util
    if checkout:
        sys.path.insert(0, os.path.join(checkout, "torch-ext"))
    spec = importlib.util.find_spec("hydra")
    origin = spec.origin if spec else None
    out["hydra_origin"] = os.path.abspath(origin) if origin else None
    if origin:
        pkg = os.path.dirname(os.path.abspath(origin))
        out["hydra_looks_like_hydra_core"] = os.path.isdir(os.path.join(pkg, "core")) and os.path.isdir(os.path.join(pkg, "_internal"))
except Exception as e:
    out["hydra_error"] = err(e)
print("PERFLAB_DEPENDENCY_PROBE")
print(json.dumps(out, sort_keys=True))
""";
}
