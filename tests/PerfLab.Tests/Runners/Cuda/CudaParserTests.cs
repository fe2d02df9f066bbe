using NUnit.Framework;
using PerfLab.Runners.Cuda.Parsing;

namespace PerfLab.Tests.Runners.Cuda;

public sealed class CudaParserTests
{
    [Test]
    public void HydraLine_DefaultShape_ReadsEveryField()
    {
        var r = HydraDecodeLineParser.Parse(CudaTestSteps.Fixture("hydra", "benchmark-a6000-default.txt"));
        Assert.That(r.Ok, Is.True, r.Error);
        Assert.That(r.Value, Is.EqualTo(new HydraDecodeLine(1, 32, 8, 8192, 128, 0, 100, 0.2166, null)));
    }

    [Test]
    public void HydraLine_WarningsBeforeTheLine_AreIgnored()
    {
        var r = HydraDecodeLineParser.Parse(CudaTestSteps.Fixture("hydra", "benchmark-with-warning.txt"));
        Assert.That(r.Value!.KvTokens, Is.EqualTo(32768));
        Assert.That(r.Value.Window, Is.EqualTo(4096));
        Assert.That(r.Value.MsPerIter, Is.EqualTo(0.1158));
    }

    [Test]
    public void HydraLine_WorkloadPeakMemory_IsRead()
    {
        var r = HydraDecodeLineParser.Parse(CudaTestSteps.Fixture("hydra", "workload-bounded.txt"));
        Assert.That(r.Value!.PeakMemMb, Is.EqualTo(1098.13));
        Assert.That(r.Value.KvTokens, Is.EqualTo(131072));
    }

    [TestCase("benchmark-nan.txt", "ms_per_iter='nan'")]
    [TestCase("benchmark-truncated.txt", "missing ms_per_iter")]
    [TestCase("benchmark-two-lines.txt", "2 'hydra_decode' result lines")]
    [TestCase("benchmark-crash.stderr.txt", "no 'hydra_decode' result line")]
    public void HydraLine_Garbage_IsRefusedWithReason(string fixture, string reason)
    {
        var r = HydraDecodeLineParser.Parse(CudaTestSteps.Fixture("hydra", fixture));
        Assert.That(r.Ok, Is.False);
        Assert.That(r.Error, Does.Contain(reason));
    }

    [TestCase("hydra_decode B=1 H=32 Hkv=8 Tkv=8192 D=128 window=0 iters=0 ms_per_iter=0.1000", "iters=0")]
    [TestCase("hydra_decode B=1 H=32 Hkv=8 Tkv=8192 D=128 window=0 iters=10 ms_per_iter=-0.1", "not a positive")]
    [TestCase("hydra_decode B=one H=32 Hkv=8 Tkv=8192 D=128 window=0 iters=10 ms_per_iter=0.1", "B='one'")]
    [TestCase("hydra_decode B=1 B=1 H=32 Hkv=8 Tkv=8192 D=128 window=0 iters=10 ms_per_iter=0.1", "repeated")]
    public void HydraLine_BadValues_AreRefused(string line, string reason)
    {
        Assert.That(HydraDecodeLineParser.Parse(line).Error, Does.Contain(reason));
    }

    [TestCase("junit-6-passed.xml", 6, 0, 0, 0)]
    [TestCase("junit-4-passed-2-skipped.xml", 4, 0, 2, 0)]
    [TestCase("junit-all-skipped.xml", 0, 0, 2, 0)]
    [TestCase("junit-zero-tests.xml", 0, 0, 0, 0)]
    [TestCase("junit-1-failed.xml", 5, 1, 0, 0)]
    [TestCase("junit-collection-error.xml", 0, 0, 0, 1)]
    public void JUnit_CountsByOutcome(string fixture, int passed, int failed, int skipped, int errors)
    {
        var c = JUnitXmlParser.Parse(CudaTestSteps.Fixture("pytest", fixture)).Value!;
        Assert.That((c.Passed, c.Failed, c.Skipped, c.Errors), Is.EqualTo((passed, failed, skipped, errors)));
    }

    [TestCase("junit-zero-tests.xml", true)]
    [TestCase("junit-all-skipped.xml", true)]
    [TestCase("junit-4-passed-2-skipped.xml", false)]
    public void JUnit_NothingExecuted_IsNotAPass(string fixture, bool nothingRan)
    {
        var c = JUnitXmlParser.Parse(CudaTestSteps.Fixture("pytest", fixture)).Value!;
        Assert.That(c.NothingRan, Is.EqualTo(nothingRan));
        if (nothingRan) Assert.That(c.AllPassed, Is.False);
    }

    [Test]
    public void JUnit_NotXml_SaysWhere()
    {
        Assert.That(JUnitXmlParser.Parse("<testsuites><testsuite>").Error, Does.Contain("line"));
        Assert.That(JUnitXmlParser.Parse("<html/>").Error, Does.Contain("<html>"));
    }

    [TestCase("summary-6-passed-q.txt", 6, 0, 0, 0)]
    [TestCase("summary-4-passed-2-skipped.txt", 4, 0, 2, 0)]
    [TestCase("summary-ci-test-deselected.txt", 0, 0, 0, 6)]
    [TestCase("summary-no-tests-ran.txt", 0, 0, 0, 0)]
    [TestCase("summary-1-failed.txt", 5, 1, 0, 0)]
    [TestCase("summary-ansi.txt", 6, 0, 0, 0)]
    public void Summary_FinalLine(string fixture, int passed, int failed, int skipped, int deselected)
    {
        var c = PytestSummaryParser.Parse(CudaTestSteps.Fixture("pytest", fixture)).Value!;
        Assert.That((c.Passed, c.Failed, c.Skipped, c.Deselected), Is.EqualTo((passed, failed, skipped, deselected)));
    }

    [Test]
    public void Summary_Absent_IsAnError()
    {
        Assert.That(PytestSummaryParser.Parse("collected 6 items\n").Ok, Is.False);
    }

    [Test]
    public void HelpQuery_New_ListsEventSpellingAndAliases()
    {
        var fields = NvidiaSmiHelpQueryParser.Parse(CudaTestSteps.Fixture("nvidia-smi", "help-query-gpu-590.txt")).Value!;
        Assert.That(fields, Does.Contain("clocks_event_reasons.sw_thermal_slowdown"));
        Assert.That(fields, Does.Contain("clocks_throttle_reasons.sw_thermal_slowdown"));
        Assert.That(fields, Does.Contain("clocks.current.sm").And.Contain("clocks.sm").And.Contain("gpu_name"));
        Assert.That(fields, Does.Not.Contain("Not Active"));
        Assert.That(fields, Does.Not.Contain("YYYY/MM/DD HH:MM:SS.msec"));
    }

    [Test]
    public void FieldSelection_PrefersEventSpelling_FallsBackToThrottle()
    {
        var fresh = GpuQueryFields.Select(NvidiaSmiHelpQueryParser.Parse(CudaTestSteps.Fixture("nvidia-smi", "help-query-gpu-590.txt")).Value!);
        var old = GpuQueryFields.Select(NvidiaSmiHelpQueryParser.Parse(CudaTestSteps.Fixture("nvidia-smi", "help-query-gpu-535.txt")).Value!);
        Assert.That(fresh.ThrottlePrefix, Is.EqualTo("clocks_event_reasons"));
        Assert.That(fresh.Telemetry, Does.Contain("clocks.current.sm"));
        Assert.That(old.ThrottlePrefix, Is.EqualTo("clocks_throttle_reasons"));
        Assert.That(old.Telemetry, Does.Contain("clocks.sm").And.Not.Contain("clocks.current.sm"));
        Assert.That(old.Telemetry.Where(f => f.StartsWith("clocks_event", StringComparison.Ordinal)), Is.Empty);
        Assert.That(fresh.Identity, Is.EqualTo(new[] { "index", "name", "uuid", "driver_version", "compute_cap", "memory.total", "pci.bus_id", "serial", "vbios_version" }));
    }

    [Test]
    public void Identity_TwoGpus_NotSupportedSerialIsNull()
    {
        var fields = GpuQueryFields.Select(NvidiaSmiHelpQueryParser.Parse(CudaTestSteps.Fixture("nvidia-smi", "help-query-gpu-590.txt")).Value!);
        var ids = GpuIdentity.Parse(CudaTestSteps.Fixture("nvidia-smi", "identity-2gpu.csv"), fields.Identity).Value!;
        Assert.That(ids, Has.Count.EqualTo(2));
        Assert.That(ids[0], Is.EqualTo(new GpuIdentity(0, "NVIDIA H100 80GB HBM3", "GPU-5f1c2a7e-8d3b-4c21-9a6f-0e4b7c9d1a23", "590.48.01", "9.0", 81559, "00000000:19:00.0", "1654922017832", "96.00.99.00.01")));
        Assert.That(ids[1].Serial, Is.Null);
    }

    [Test]
    public void Identity_WrongColumnCount_NamesTheLine()
    {
        var r = GpuIdentity.Parse("0, NVIDIA H100\n", ["index", "name", "uuid"]);
        Assert.That(r.Error, Does.StartWith("line 1: 2 values for 3 fields"));
    }

    [Test]
    public void Telemetry_ThrottledRows_AreFlagged_AndCutRowDropped()
    {
        var fields = GpuQueryFields.Select(NvidiaSmiHelpQueryParser.Parse(CudaTestSteps.Fixture("nvidia-smi", "help-query-gpu-590.txt")).Value!);
        var points = GpuTelemetryParser.Parse(CudaTestSteps.Fixture("nvidia-smi", "lms-throttled-590.csv"), fields, _ => DateTimeOffset.UnixEpoch).Value!;
        var temps = points.Where(p => p.Channel == "gpu.temperature").ToList();
        Assert.That(temps.Select(p => p.Value), Is.EqualTo(new[] { 71.0, 88, 89 }));
        Assert.That(temps[0].Flag, Is.Null);
        Assert.That(temps[1].Flag, Is.EqualTo("throttled: sw_thermal_slowdown"));
        Assert.That(temps[2].Flag, Is.EqualTo("throttled: sw_power_cap,sw_thermal_slowdown"));
        Assert.That(points.Where(p => p.Channel == "gpu.throttled").Select(p => p.Value), Is.EqualTo(new[] { 0.0, 1, 1 }));
        Assert.That(points.First(p => p.Channel == "gpu.power").Unit, Is.EqualTo("W"));
        Assert.That(temps[1].At - temps[0].At, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
    }

    [Test]
    public void Telemetry_NotAvailableValues_AreSkippedNotZero()
    {
        var fields = GpuQueryFields.Select(NvidiaSmiHelpQueryParser.Parse(CudaTestSteps.Fixture("nvidia-smi", "help-query-gpu-535.txt")).Value!);
        var points = GpuTelemetryParser.Parse(CudaTestSteps.Fixture("nvidia-smi", "lms-na-535.csv"), fields, _ => DateTimeOffset.UnixEpoch).Value!;
        Assert.That(points.Where(p => p.Channel == "gpu.power"), Is.Empty);
        Assert.That(points.Count(p => p.Channel == "gpu.clock.sm"), Is.EqualTo(2));
        Assert.That(points.All(p => p.Flag is null), Is.True);
    }

    [Test]
    public void ThrottleReasons_FromBitmask_WhenNamedFieldsAbsent()
    {
        var row = new Dictionary<string, string?> { ["clocks_throttle_reasons.active"] = "0x0000000000000060" };
        Assert.That(GpuTelemetryParser.ActiveThrottleReasons(row, "clocks_throttle_reasons"), Is.EqualTo(new[] { "sw_thermal_slowdown", "hw_thermal_slowdown" }));
        row["clocks_throttle_reasons.active"] = "0x0000000000000001"; // gpu_idle is not throttling
        Assert.That(GpuTelemetryParser.ActiveThrottleReasons(row, "clocks_throttle_reasons"), Is.Empty);
    }

    [Test]
    public void Readme_ShapesLine_IsConsistent()
    {
        var s = ReadmeExampleParser.Parse(CudaTestSteps.Fixture("readme", "readme-example.txt")).Value!;
        Assert.That(s.Key, Is.EqualTo(new[] { 1, 8, 8192, 128 }));
        Assert.That(s.Problems(8192), Is.Empty);
        Assert.That(s.Problems(4096), Has.One.Contains("Tkv=8192, expected 4096"));
        var wrong = ReadmeExampleParser.Parse(CudaTestSteps.Fixture("readme", "readme-example-wrong.txt")).Value!;
        Assert.That(wrong.Problems(8192), Has.One.Contains("output (1, 32, 8192, 128) differs"));
        Assert.That(ReadmeExampleParser.Parse("torch.Size([1, 32, 1, 128])").Ok, Is.False);
    }

    [Test]
    public void Probe_Ok_MeetsRequirementsForItsCheckout()
    {
        var r = DependencyProbeReport.Parse(CudaTestSteps.Fixture("probe", "probe-a6000-ok.txt")).Value!;
        Assert.That((r.Torch, r.TorchCuda, r.Triton, r.CudaAvailable, r.DeviceName), Is.EqualTo(("2.10.0+cu128", "12.8", "3.5.0", true, "NVIDIA RTX A6000")));
        var checks = new DependencyRequirements(true, true, "/work/hf-kernels/hydra").Evaluate(r);
        Assert.That(checks.All(c => c.Passed), Is.True, string.Join("; ", checks.Select(c => c.Detail)));
        var elsewhere = new DependencyRequirements(true, true, "/other/hydra").Evaluate(r);
        Assert.That(elsewhere.Single(c => c.Name == "dependency.hydra-module").Passed, Is.False);
    }

    [Test]
    public void Probe_HydraCore_IsDetected()
    {
        var r = DependencyProbeReport.Parse(CudaTestSteps.Fixture("probe", "probe-hydra-core.txt")).Value!;
        var check = new DependencyRequirements(true, true, "/work/hf-kernels/hydra").Evaluate(r).Single(c => c.Name == "dependency.hydra-module");
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Detail, Does.Contain("hydra-core 1.3.2"));
    }

    [TestCase("probe-no-cuda.txt", "dependency.cuda")]
    [TestCase("probe-no-triton.txt", "dependency.triton")]
    public void Probe_MissingPiece_FailsItsCheck(string fixture, string check)
    {
        var r = DependencyProbeReport.Parse(CudaTestSteps.Fixture("probe", fixture)).Value!;
        var checks = new DependencyRequirements(true, true, null).Evaluate(r);
        Assert.That(checks.Where(c => !c.Passed).Select(c => c.Name), Is.EqualTo(new[] { check }));
    }

    [Test]
    public void Probe_NoMarker_IsAnError()
    {
        Assert.That(DependencyProbeReport.Parse("{\"python\": \"3.12\"}\n").Ok, Is.False);
        Assert.That(DependencyProbeReport.Parse("PERFLAB_DEPENDENCY_PROBE\nnot json\n").Error, Does.Contain("not JSON"));
    }

    [Test]
    public void KernelsJson_MeanOfTheOnlyWorkload()
    {
        var r = KernelsBenchmarkJsonParser.Parse(CudaTestSteps.Fixture("kernels", "benchmark-a6000.json")).Value!;
        Assert.That((r.MeanMs, r.Iterations, r.Gpu), Is.EqualTo((0.3230, (int?)100, "NVIDIA RTX A6000")));
        Assert.That(KernelsBenchmarkJsonParser.Parse(CudaTestSteps.Fixture("kernels", "benchmark-a6000.json"), "Other.x").Ok, Is.False);
        Assert.That(KernelsBenchmarkJsonParser.Parse("{\"results\": [").Ok, Is.False);
    }
}
