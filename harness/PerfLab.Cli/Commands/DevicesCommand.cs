using System.CommandLine;
using System.Text.Json;
using PerfLab.Harness.Devices;
using PerfLab.Harness.Farm;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab devices</c>: this host's device inventory with the labels suites match on and the CI runner labels.</summary>
internal static class DevicesCommand
{
    public static Command Create()
    {
        var emulate = CommonOptions.Emulate();
        var profiles = CommonOptions.Profiles();
        var json = CommonOptions.Json();
        var command = new Command("devices",
            "List the devices PerfLab finds here (Hailo via hailortcli, GPUs via nvidia-smi, the host CPU, and emulated profiles with " +
            "--emulate): id, family, model, the labels suites select on, and the CI runner labels (perflab-...) a self-hosted runner " +
            "on this host should carry. Problems say what failed while looking (a tool that errs, a device that does not answer); " +
            "notes name the device tools not present on this host (nothing is wrong: it has no such devices).\n" +
            "Example: perflab devices --json")
        { emulate, profiles, json };
        command.SetAction((parse, ct) => CliAction.RunAsync(() =>
            ExecuteAsync(parse.GetValue(emulate), parse.GetValue(profiles), parse.GetValue(json), ct)));
        return command;
    }

    private static async Task<int> ExecuteAsync(bool emulate, DirectoryInfo? profiles, bool json, CancellationToken ct)
    {
        var services = PerfLabServices.Create(emulate, emulate ? SuiteSource.ProfilesDirectory(profiles, json ? System.Console.Error : System.Console.Out) : null);
        var found = await new DeviceInventory(services.DeviceProviders).DiscoverAsync(ct).ConfigureAwait(false);
        var host = HostInspector.Describe();
        if (json)
        {
            System.Console.WriteLine(JsonSerializer.Serialize(new
            {
                host = new { name = host.Name, os = host.Os, architecture = host.Architecture, cpu_model = host.CpuModel, processor_count = host.ProcessorCount },
                devices = found.Devices.Select(d => new
                {
                    id = d.Id, family = d.Family, model = d.Model, emulated = d.Emulated,
                    labels = new SortedDictionary<string, string>(d.Labels.ToDictionary(), StringComparer.Ordinal),
                    properties = new SortedDictionary<string, string>(d.Properties.ToDictionary(), StringComparer.Ordinal),
                    ci_labels = CiLabels.ForDevice(d),
                }),
                runner_labels = RunnerLabels(found.Devices),
                notes = found.Notes,
                absent_tools = found.AbsentTools.Select(t => new { tool = t.Tool, devices = t.Devices, note = t.Note }),
            }, JsonOutput.Options));
            return ExitCodes.Success;
        }
        System.Console.WriteLine($"host {host.Name}: {host.Os}, {host.Architecture}, {host.CpuModel} ({host.ProcessorCount} CPUs)");
        foreach (var d in found.Devices)
        {
            System.Console.WriteLine($"{d.Id}{(d.Emulated ? "  [emulated: never evidence]" : "")}");
            System.Console.WriteLine($"    family {d.Family}, model {d.Model}");
            System.Console.WriteLine($"    labels {string.Join(", ", d.Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))}");
            System.Console.WriteLine($"    ci labels {string.Join(", ", CiLabels.ForDevice(d))}");
        }
        System.Console.WriteLine($"runner labels for this host: {string.Join(",", RunnerLabels(found.Devices))}");
        foreach (var note in found.Notes) System.Console.WriteLine($"problem: {note}");
        if (found.AbsentTools.Count > 0) System.Console.WriteLine("notes:");
        foreach (var absent in found.AbsentTools) System.Console.WriteLine($"  {absent.Note}");
        return ExitCodes.Success;
    }

    /// <summary>What to give this host's self-hosted CI runner: the labels of its real devices (emulated ones need --emulate jobs).</summary>
    private static IReadOnlyList<string> RunnerLabels(IEnumerable<PerfLab.Harness.Domain.Device> devices) =>
        devices.Where(d => !d.Emulated).SelectMany(CiLabels.ForDevice).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
