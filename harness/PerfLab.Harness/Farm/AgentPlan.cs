using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;

namespace PerfLab.Harness.Farm;

/// <summary>What an agent will do on this host: for each device, the suites that have cases on it; and the suites that run nowhere, with why.</summary>
public sealed record AgentPlan(IReadOnlyList<DeviceWork> Devices, IReadOnlyList<SkippedSuite> SkippedSuites)
{
    /// <summary>Plans <paramref name="suites"/> over <paramref name="devices"/>; devices keep their discovery order, suites their given order.</summary>
    public static AgentPlan Create(IReadOnlyList<Suite> suites, IReadOnlyList<Device> devices)
    {
        var work = devices.ToDictionary(d => d.Id, _ => new List<Suite>(), StringComparer.Ordinal);
        var skipped = new List<SkippedSuite>();
        foreach (var suite in suites)
        {
            var plan = CasePlanner.Plan(suite, devices);
            if (plan.Cases.Count == 0)
            {
                skipped.Add(new SkippedSuite(suite, WhyNowhere(plan, devices)));
                continue;
            }
            foreach (var id in plan.Cases.Select(c => c.Device.Id).Distinct(StringComparer.Ordinal)) work[id].Add(suite);
        }
        var byDevice = devices.Where(d => work[d.Id].Count > 0).Select(d => new DeviceWork(d, work[d.Id])).ToList();
        return new AgentPlan(byDevice, skipped);
    }

    private static string WhyNowhere(CasePlan plan, IReadOnlyList<Device> devices)
    {
        if (devices.Count == 0) return "no devices were found on this host";
        // Every device gave the same reason when the suite-level selector rejects them all: say it once, then list the devices.
        var reasons = plan.Skipped.Select(s => s.Reason).Distinct(StringComparer.Ordinal).ToList();
        var here = string.Join(", ", devices.Select(Describe));
        return reasons.Count == 1 ? $"{reasons[0]}; devices here: {here}"
            : string.Join("; ", plan.Skipped.Select(s => $"{s.Device.Id}: {s.Reason}"));
    }

    /// <summary>"id (family=…, arch=…)": the labels that selectors usually name.</summary>
    public static string Describe(Device d)
    {
        var shown = d.Labels.Where(kv => kv.Key is "family" or "arch" or "model" or "emulated")
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}");
        return $"{d.Id} ({string.Join(", ", shown)})";
    }
}

/// <summary>The suites one device will run.</summary>
public sealed record DeviceWork(Device Device, IReadOnlyList<Suite> Suites);

/// <summary>A suite that has no case on any device here, and why.</summary>
public sealed record SkippedSuite(Suite Suite, string Reason);
