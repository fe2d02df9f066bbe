using NUnit.Framework;
using PerfLab.Cli;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Farm;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Farm;

public sealed class CiMatrixTests
{
    private static IReadOnlyList<Suite> ShippedSuites()
    {
        var loaded = SuiteSet.Load([RepoPaths.Suites], PerfLabServices.Create().Runners);
        Assert.That(loaded.Errors, Is.Empty);
        return loaded.Suites;
    }

    [Test]
    public void Shipped_suites_get_one_job_per_device_class_they_pin()
    {
        var suites = ShippedSuites();
        var plan = CiMatrix.Plan(suites);
        var pairs = plan.Jobs.Select(j => (j.Suite, j.Runner)).ToList();

        // hailo-hef-throughput asks for any Hailo device, but its matrix points pin arch: one job per arch, or only one Hailo host would run it.
        Assert.That(pairs, Does.Contain(("hailo-hef-throughput", "perflab-hailo-HAILO10H")));
        Assert.That(pairs, Does.Contain(("hailo-hef-throughput", "perflab-hailo-HAILO8")));
        Assert.That(pairs, Does.Not.Contain(("hailo-hef-throughput", "perflab-hailo")));
        Assert.That(pairs, Does.Contain(("host-baseline", "perflab-host")));
        Assert.That(plan.Jobs.Where(j => j.Suite.StartsWith("cuda-", StringComparison.Ordinal)).Select(j => j.Runner).Distinct(), Is.EqualTo(new[] { "perflab-cuda" }));
        Assert.That(plan.Jobs.Select(j => j.SuiteFile).Distinct().All(File.Exists), Is.True);
    }

    [Test]
    public void Every_job_label_of_a_suite_is_carried_by_the_devices_it_runs_on()
    {
        var device = new Device("hailo:0001:01:00.0", "hailo", "HAILO10H",
            new Dictionary<string, string> { ["family"] = "hailo", ["arch"] = "HAILO10H", ["board"] = "Hailo-10H", ["emulated"] = "false" },
            new Dictionary<string, string>(), [], false);
        var labels = CiLabels.ForDevice(device);
        Assert.That(labels, Is.EqualTo(new[] { "perflab-hailo", "perflab-hailo-HAILO10H" }));

        var suite = ShippedSuites().Single(s => s.Name == "hailo-hef-throughput");
        Assert.That(CiMatrix.JobLabels(suite).Where(l => labels.Contains(l)), Is.EqualTo(new[] { "perflab-hailo-HAILO10H" }));
    }

    [Test]
    public void Gpu_names_become_valid_labels()
    {
        Assert.That(CiLabels.Label("cuda", "NVIDIA H100 80GB HBM3"), Is.EqualTo("perflab-cuda-NVIDIA-H100-80GB-HBM3"));
        Assert.That(CiLabels.Label("CUDA", " RTX (PRO) 6000 "), Is.EqualTo("perflab-cuda-RTX-PRO-6000"));
    }

    [Test]
    public void A_selector_without_family_goes_to_every_host_and_contradicting_points_drop_out()
    {
        Assert.That(CiLabels.ForSelector(null), Is.EqualTo(new[] { CiLabels.Host }));
        var outer = new DeviceSelector(new Dictionary<string, IReadOnlyList<string>> { ["family"] = ["hailo"], ["arch"] = ["HAILO8"] });
        var inner = new DeviceSelector(new Dictionary<string, IReadOnlyList<string>> { ["arch"] = ["HAILO10H"] });
        Assert.That(CiMatrix.Combine(outer, inner), Is.Null);
    }

    [Test]
    public void An_inventory_gives_one_job_per_runner_and_names_uncovered_labels()
    {
        var inventory = RunnerInventory.Parse("""
            runners:
              - name: perflab-pi5-01
                labels: [perflab-hailo, perflab-hailo-HAILO10H, perflab-host]
              - name: perflab-pi5-02
                labels: [perflab-hailo, perflab-hailo-HAILO10H, perflab-host]
              - name: perflab-x86-h8
                labels: [perflab-hailo, perflab-hailo-HAILO8, perflab-host]
            """, "farm.yaml");
        var plan = CiMatrix.Plan(ShippedSuites(), inventory);
        var hef = plan.Jobs.Where(j => j.Suite == "hailo-hef-throughput").Select(j => (j.Runner, j.Label)).ToList();
        Assert.That(hef, Is.EquivalentTo(new[]
        {
            ("perflab-pi5-01", "perflab-hailo-HAILO10H"), ("perflab-pi5-02", "perflab-hailo-HAILO10H"), ("perflab-x86-h8", "perflab-hailo-HAILO8"),
        }));
        Assert.That(plan.Jobs.Count(j => j.Suite == "host-baseline"), Is.EqualTo(3));
        Assert.That(plan.Uncovered.Select(u => u.Label).Distinct(), Is.EqualTo(new[] { "perflab-cuda" }));
    }

    [Test]
    public void A_bad_inventory_names_file_and_line()
    {
        var e = Assert.Throws<InvalidDataException>(() => RunnerInventory.Parse("runners:\n  - name: a\n    labels: [x]\n  - labels: [y]\n", "farm.yaml"));
        Assert.That(e!.Message, Does.StartWith("farm.yaml:4:").And.Contain("without a 'name'"));
    }
}
