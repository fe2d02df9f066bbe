using NUnit.Framework;
using PerfLab.Reports.Pages;
using PerfLab.Reports.Presentation;

namespace PerfLab.Tests.Reports.Presentation;

public sealed class ExclusionGroupingTests
{
    [TestCase("dependency-check-failed", "dependency-check-failed \u2014 step 'dependencies': no CUDA", "step 'dependencies': no CUDA")]
    [TestCase("failed", "failed: exit 3", "exit 3")]
    [TestCase("throttled", "4 telemetry reading(s) flagged", "4 telemetry reading(s) flagged")]
    [TestCase("failed", "failedness", "failedness")]
    public void The_detail_does_not_repeat_its_reason(string reason, string detail, string expected) =>
        Assert.That(ExclusionGrouping.DetailWithoutReason(reason, detail), Is.EqualTo(expected));

    [Test]
    public void Results_sharing_device_reason_detail_and_run_are_one_group_with_a_count_and_each_reason_is_said_once()
    {
        const string a100 = "NVIDIA A100-SXM4-80GB (cuda-emu:GPU-e0000000-0000-4000-8000-000000000007)";
        const string detail = "dependency-check-failed \u2014 step 'dependencies', repetition 1: torch.cuda.is_available() is False";
        var rows = new[] { "tkv=8192,window=0", "tkv=32768,window=4096" }
            .Select(c => new ExcludedView("cuda-hydra-decode", c, a100, "dependency-check-failed", detail, "dependency-check-failed; emulated", "run-1", "14"))
            .Append(new ExcludedView("cuda-hydra-decode", "tkv=8192,window=0", "RTX 4090", "failed", "exit 1", "failed", "run-2", "14"))
            .ToList();
        var groups = ExcludedGroup.Of(rows);
        Assert.That(groups, Has.Count.EqualTo(2));
        var g = groups[0];
        Assert.That(g.Count, Is.EqualTo(2));
        Assert.That(g.Cases, Is.EqualTo("tkv=8192,window=0, tkv=32768,window=4096"));
        Assert.That(g.DeviceShort, Is.EqualTo("NVIDIA A100-SXM4-80GB (cuda-emu:GPU-e0000000\u20260007)"));
        Assert.That(g.DeviceShortened, Is.True);
        Assert.That(g.OtherReasons, Is.EqualTo("emulated"), "the primary reason is not listed again");
        Assert.That(g.Detail, Does.Not.Contain("dependency-check-failed"));
        Assert.That(groups[1].Count, Is.EqualTo(1));
        Assert.That(groups[1].OtherReasons, Is.Empty);
    }
}
