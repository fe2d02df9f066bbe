using PerfLab.Harness.Execution;
using PerfLab.Runners.Cuda.ExactModel;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Cuda;

/// <summary>The CUDA / Hydra runner family, sharing one host probe so GPU and Python facts are learned once per setting.</summary>
public static class CudaRunners
{
    public static IReadOnlyList<IStepRunner> Create(IProcessLauncher launcher)
    {
        var probe = new CudaHostProbe(launcher);
        return
        [
            new CudaDependencyCheckRunner(launcher, probe),
            new CudaPytestRunner(launcher, probe),
            new CudaCommandGateRunner(launcher, probe),
            new CudaDecodeBenchmarkRunner(launcher, probe),
            new CudaReadmeExampleRunner(launcher, probe),
            new CudaExactModelRunner(),
        ];
    }
}
