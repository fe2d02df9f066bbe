namespace PerfLab.Runners.Cuda;

/// <summary>The fact names CUDA steps record, and which of them belong in the comparability key.</summary>
public static class CudaFactNames
{
    public const string GpuName = "gpu.name";
    public const string GpuUuid = "gpu.uuid";
    public const string GpuDriver = "gpu.driver";
    public const string GpuComputeCapability = "gpu.compute_capability";
    public const string GpuMemoryTotalMib = "gpu.memory_total_mib";
    public const string GpuPciBusId = "gpu.pci_bus_id";
    public const string GpuSerial = "gpu.serial";
    public const string GpuVbios = "gpu.vbios";
    public const string GpuQueryError = "gpu.query_error";
    public const string PythonVersion = "python.version";
    public const string TorchVersion = "torch.version";
    public const string CudaVersion = "cuda.version";
    public const string CudaAvailable = "cuda.available";
    public const string TritonVersion = "triton.version";
    public const string KernelsVersion = "kernels.version";
    public const string HydraCoreVersion = "hydra_core.version";
    public const string HydraOrigin = "hydra.origin";
    public const string ProbeError = "dependency_probe.error";
    public const string EnvPrefix = "env.";

    /// <summary>GPU model, driver, CUDA and torch: results that differ in any of these are not compared.</summary>
    public static IReadOnlyList<string> Key { get; } = [GpuName, GpuDriver, CudaVersion, TorchVersion];
}
