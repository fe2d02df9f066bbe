using System.Runtime.InteropServices;
using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Devices;

/// <summary>Describes the machine PerfLab runs on: its identity for runs and its environment snapshot.</summary>
public static class HostInspector
{
    /// <summary>Variables worth keeping with a run: they say which CI job and commit produced it.</summary>
    private static readonly string[] SnapshotVariables =
    [
        "CI", "GITHUB_SHA", "GITHUB_REF", "GITHUB_RUN_ID", "GITHUB_WORKFLOW", "RUNNER_NAME",
        "CI_COMMIT_SHA", "CI_PIPELINE_ID", "CI_JOB_ID", "CI_RUNNER_DESCRIPTION", "CUDA_VISIBLE_DEVICES",
    ];

    public static HostInfo Describe() =>
        new(System.Environment.MachineName, RuntimeInformation.OSDescription,
            RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(), System.Environment.ProcessorCount, CpuModel());

    public static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo") && CpuInfoParser.ModelName(File.ReadAllText("/proc/cpuinfo")) is { } m) return m;
        }
        catch (IOException) { }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    public static IReadOnlyDictionary<string, string> EnvironmentSnapshot(string agentVersion)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["perflab.version"] = agentVersion,
            ["dotnet.version"] = RuntimeInformation.FrameworkDescription,
            ["os"] = RuntimeInformation.OSDescription,
            ["os.arch"] = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            ["cpu.model"] = CpuModel(),
            ["cpu.count"] = System.Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var name in SnapshotVariables)
        {
            if (System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } v) snapshot["env." + name] = v;
        }
        return snapshot;
    }
}
