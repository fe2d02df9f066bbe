using System.Text.RegularExpressions;
using NUnit.Framework;
using PerfLab.Runners.Emulation.Cuda;
using PerfLab.Runners.Emulation.Hailo;
using PerfLab.Tests.Farm;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Containers;

[TestFixture]
[Category("Containers")]
[Category("Slow")]
public sealed class ContainerFarmTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(150);

    // Three hosts, each with only its own device tool on PATH (no --emulate: the agent finds the devices as on a real
    // host, through hailortcli 4.x, hailortcli 5.x and nvidia-smi), run the shipped suites at once, each into its /data.
    [Test]
    public async Task A_Hailo8_a_Hailo10H_and_a_GPU_host_run_the_shipped_suites_at_once_and_merge_with_each_identity_right()
    {
        using var temp = new TempDirectory();
        var farm = ShippedFarm.Create(temp.Path);
        var h8 = HailoDeviceProfile.Load(farm.Profile("hailo-8-emulated"));
        var h10 = HailoDeviceProfile.Load(farm.Profile("hailo-10h-emulated"));
        var gpu = GpuProfileLoader.Load(farm.Profile("gpu-rtx-4090"));
        var basePath = ":/usr/local/bin:/usr/bin:/bin";
        var hosts = new (string Name, string Suite, Dictionary<string, string> Env)[]
        {
            ("pi5-hailo8-01", "hailo-hef-throughput.yaml", new() { ["PATH"] = await farm.HailoShimAsync("hailo-8-emulated") + basePath }),
            ("pi5-hailo10h-01", "hailo-hef-throughput.yaml", new() { ["PATH"] = await farm.HailoShimAsync("hailo-10h-emulated") + basePath }),
            ("x86-gpu-01", "cuda-decode-reference.yaml", await farm.GpuEnvironmentAsync("gpu-rtx-4090")),
        };
        var specs = hosts.Select(h => new AgentHostSpec(h.Name, Directory.CreateDirectory(temp.File(h.Name)).FullName, farm.Binds, h.Env));
        var started = await AgentHost.StartAllAsync(specs);
        try
        {
            var runs = started.Zip(hosts).Select(p => p.First.PerflabAsync(Limit, "agent", "--suites", Path.Combine(farm.Suites, p.Second.Suite),
                "--db", "/data/agent.db", "--build", "7", "--lock-dir", "/tmp/locks")).ToArray();
            var results = await Task.WhenAll(runs);
            foreach (var (r, h) in results.Zip(hosts))
            {
                Assert.That(r.Code, Is.Zero, $"{h.Name}: {r.Output}");
                Assert.That(r.Output, Does.Contain($"on {h.Name} "), r.Output);
                Assert.That(r.Output, Does.Contain("agent done: 1 run(s)"), r.Output);
            }
        }
        finally
        {
            foreach (var h in started) await h.DisposeAsync();
        }

        var merged = temp.File("farm.db");
        var dbs = hosts.Select(h => Path.Combine(temp.Path, h.Name, "agent.db")).ToArray();
        var merge = PerflabProcess.Run(temp.Path, null, Limit, ["merge", .. dbs, "--into", merged]);
        Assert.That(merge.Exit, Is.Zero, merge.Output);
        var names = hosts.Select(h => h.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.That(HostDatabase.Column(merged, "SELECT name FROM hosts ORDER BY name"), Is.EqualTo(names));
        Assert.That(HostDatabase.Column(merged, "SELECT host || ' ' || suite || ' ' || status FROM runs ORDER BY host"), Is.EqualTo(new[]
        {
            "pi5-hailo10h-01 hailo-hef-throughput 2", "pi5-hailo8-01 hailo-hef-throughput 2", "x86-gpu-01 cuda-decode-reference 2",
        }), "one passed run per host (status 2 = passed)");

        // Each device as its own host's tool reported it, matched against the profile the tool emulated.
        const string identity = "SELECT d.family || '|' || d.emulated || '|' || coalesce(json_extract(d.labels, '$.arch'), '') || '|' || " +
            "coalesce(json_extract(d.properties, '$.serial'), json_extract(d.properties, '$.uuid'), '') || '|' || " +
            "coalesce(json_extract(d.properties, '$.hailort_version'), json_extract(d.properties, '$.driver'), '') || '|' || " +
            "coalesce(json_extract(d.properties, '$.firmware_version'), json_extract(d.properties, '$.compute_capability'), '') " +
            "FROM devices d WHERE d.host = '{0}'";
        Assert.That(HostDatabase.Column(merged, string.Format(identity, "pi5-hailo8-01")), Is.EqualTo(new[] { $"hailo|0|{h8.Arch}|{h8.Serial}|{h8.HailortVersion}|{h8.Firmware}" }));
        Assert.That(HostDatabase.Column(merged, string.Format(identity, "pi5-hailo10h-01")), Is.EqualTo(new[] { $"hailo|0|{h10.Arch}|{h10.Serial}|{h10.HailortVersion}|{h10.Firmware}" }));
        Assert.That(HostDatabase.Column(merged, string.Format(identity, "x86-gpu-01")), Is.EqualTo(new[] { $"cuda|0||{gpu.Uuid}|{gpu.Driver}|{gpu.ComputeCapability}" }));
        Assert.That(h8.HailortVersion, Does.StartWith("4."), "the Hailo-8 host speaks HailoRT 4.x");
        Assert.That(h10.HailortVersion, Does.StartWith("5."), "the Hailo-10H host speaks HailoRT 5.x");

        var again = PerflabProcess.Run(temp.Path, null, Limit, ["merge", .. dbs, "--into", merged]);
        Assert.That(again.Exit, Is.Zero, again.Output);
        Assert.That(HostDatabase.Column(merged, "SELECT count(*) FROM runs"), Is.EqualTo(new[] { "3" }), "a second merge adds nothing");

        // The report and the gate read the merged farm: every host's device is in both.
        var report = PerflabProcess.Run(temp.Path, null, Limit, "report", "--db", merged, "--out", temp.File("report"), "--format", "md");
        Assert.That(report.Exit, Is.Zero, report.Output);
        var pages = string.Join("\n", Directory.GetFiles(temp.File("report"), "*.md", SearchOption.AllDirectories).Select(File.ReadAllText));
        var gate = PerflabProcess.Run(temp.Path, null, Limit, "gate", "--db", merged, "--candidate", "7", "--allow-missing-baseline", "--json");
        Assert.That(gate.Exit, Is.Zero, gate.Output);
        foreach (var (name, device) in new[] { ("pi5-hailo8-01", h8.Arch), ("pi5-hailo10h-01", h10.Arch), ("x86-gpu-01", gpu.Name) })
        {
            Assert.That(pages, Does.Contain(device), $"the report covers {name}'s device");
            // Only the model pages (Hailo's HEF models) state the host a figure came from.
            if (name.StartsWith("pi5", StringComparison.Ordinal)) Assert.That(pages, Does.Contain(name), $"the model page names host {name}");
            // The gate's JSON names each device by its model and the host that measured it.
            Assert.That(gate.Output, Does.Match($"\"device\": \"{Regex.Escape(device)}\",\\s*\"hosts\": \\[\\s*\"{name}\""),
                $"the gate judges {name}'s device and names its host");
        }
    }
}
