using System.Globalization;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Cuda.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Cuda;

/// <summary>Reads a GPU's core temperature with <c>nvidia-smi --query-gpu=temperature.gpu</c>, for cool-down between cases.</summary>
public sealed class CudaThermalProbe(IProcessLauncher launcher) : IThermalProbe
{
    public string Family => "cuda";

    public async Task<double?> ReadCelsiusAsync(Device device, CancellationToken cancellationToken)
    {
        var env = device.Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal);
        var argv = new List<string> { "--query-gpu=temperature.gpu", "--format=csv,noheader,nounits" };
        if (CudaStepHost.GpuSelector(device) is { } gpu) argv.AddRange(["-i", gpu]);
        var r = await launcher.RunAsync(new ProcessSpec("nvidia-smi", argv, Directory.GetCurrentDirectory(), env, TimeSpan.FromSeconds(20)), cancellationToken).ConfigureAwait(false);
        if (!r.ExitedCleanly) return null;
        var cell = r.Stdout.Text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (cell is null || NvidiaSmiCsv.IsMissing(cell)) return null;
        return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && double.IsFinite(t) ? t : null;
    }
}
