using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Results;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Results;

public sealed class CaseRoundTripTests
{
    [Test]
    public void A_recorded_case_reads_back_field_for_field()
    {
        using var dir = new TempDirectory();
        var db = dir.File("results.db");
        var bytes = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var truncatedLog = StoreSamples.Artifact("hailortcli.log", "text/plain", bytes) with { OriginalLength = 5000 };
        var original = StoreSamples.Case(name: "model=yolov8s,batch=8") with
        {
            Status = CaseStatus.Failed,
            Failure = FailureClass.HefIncompatible,
            FailureMessage = "HEF was compiled for HAILO10H",
            Samples = [StoreSamples.Sample(1.5e-9), StoreSamples.Sample(StoredValueRules.MaxMagnitude, "memory", "B", 2), StoreSamples.Sample(-273.15, "delta", "%", 3)],
            Repetitions = [new RepetitionRecord("parse-hef", 0, false, 0.125, null, "timeout"), new RepetitionRecord("bench", 1, true, 3, 0, null)],
            Checks = [new Check("hef-arch", false, "HAILO10H ≠ HAILO8"), new Check("driver", true, "4.20.0")],
            Artifacts = [truncatedLog, StoreSamples.Artifact("answer.json", "application/json", "{\"a\":\"ü\"}"u8.ToArray()), StoreSamples.Artifact("empty", "application/octet-stream", [])],
            Telemetry = [new TelemetryPoint(new DateTimeOffset(2025, 3, 1, 10, 0, 0, 123, TimeSpan.FromHours(2)), "power", 2.75, "W", "throttled: sw_thermal")],
            Facts = new Dictionary<string, string> { ["hailort"] = "4.20.0", ["firmware"] = "4.20.0 (release)", ["ö"] = "" },
        };

        using var store = SqliteResultStore.Open(db);
        store.BeginRun(StoreSamples.Run("r1"));
        var id = store.RecordCaseReturningId("r1", original);
        var back = store.Queries.LoadCaseResult(id)!;

        Assert.That(back, Is.Not.Null);
        Assert.That(back.Name, Is.EqualTo(original.Name));
        Assert.That(back.Parameters, Is.EquivalentTo(original.Parameters));
        Assert.That(back.ComparabilityKey, Is.EqualTo(original.ComparabilityKey));
        Assert.That(back.KeyParts, Is.EquivalentTo(original.KeyParts));
        Assert.That(back.Status, Is.EqualTo(CaseStatus.Failed));
        Assert.That(back.Failure, Is.EqualTo(FailureClass.HefIncompatible));
        Assert.That(back.FailureMessage, Is.EqualTo(original.FailureMessage));
        Assert.That(back.Samples, Is.EqualTo(original.Samples));
        Assert.That(back.Repetitions, Is.EqualTo(original.Repetitions));
        Assert.That(back.Checks, Is.EqualTo(original.Checks));
        Assert.That(back.Telemetry, Is.EqualTo(original.Telemetry));
        Assert.That(back.Facts, Is.EquivalentTo(original.Facts));
        Assert.That(back.StartedAt, Is.EqualTo(original.StartedAt));
        Assert.That(back.EndedAt, Is.EqualTo(original.EndedAt));

        Assert.That(back.Device.Id, Is.EqualTo(original.Device.Id));
        Assert.That(back.Device.Family, Is.EqualTo(original.Device.Family));
        Assert.That(back.Device.Model, Is.EqualTo(original.Device.Model));
        Assert.That(back.Device.Labels, Is.EquivalentTo(original.Device.Labels));
        Assert.That(back.Device.Properties, Is.EquivalentTo(original.Device.Properties));
        Assert.That(back.Device.KeyProperties, Is.EqualTo(original.Device.KeyProperties));
        Assert.That(back.Device.Emulated, Is.EqualTo(original.Device.Emulated));

        Assert.That(back.Artifacts, Has.Count.EqualTo(3));
        for (var i = 0; i < 3; i++)
        {
            var (a, b) = (original.Artifacts[i], back.Artifacts[i]);
            Assert.That(b.Name, Is.EqualTo(a.Name));
            Assert.That(b.MediaType, Is.EqualTo(a.MediaType));
            Assert.That(b.Content, Is.EqualTo(a.Content));
            Assert.That(b.Sha256, Is.EqualTo(a.Sha256));
            Assert.That(b.OriginalLength, Is.EqualTo(a.OriginalLength));
            Assert.That(b.Truncated, Is.EqualTo(a.Truncated));
        }
        Assert.That(StoreSamples.Scalar(db, "SELECT truncated FROM artifacts WHERE name = 'hailortcli.log'"), Is.EqualTo(1));
        Assert.That(StoreSamples.Scalar(db, "SELECT truncated FROM artifacts WHERE name = 'answer.json'"), Is.EqualTo(0));
    }

    [Test]
    public void Many_samples_keep_their_order_and_exact_values_across_insert_batches()
    {
        using var dir = new TempDirectory();
        using var store = SqliteResultStore.Open(dir.File("results.db"));
        store.BeginRun(StoreSamples.Run("r1"));
        // 70 = two 32-row batches and 6 single rows; values with full double precision and several metrics/units.
        var samples = Enumerable.Range(0, 70)
            .Select(i => new RecordedSample(i % 2 == 0 ? "bench" : "warm", i / 3, i % 3 == 0 ? "fps" : "hw_latency", Math.PI * i / 7.0, i % 3 == 0 ? "fps" : "ms"))
            .ToList();
        var id = store.RecordCaseReturningId("r1", StoreSamples.Case(samples: samples));

        Assert.That(store.Queries.LoadCaseResult(id)!.Samples, Is.EqualTo(samples));
        Assert.That(store.Queries.LoadCases("r1").Single().Samples, Is.EqualTo(samples));
    }

    [Test]
    public void Stored_case_and_run_columns_use_explicit_enum_numbers_and_utc_iso_text()
    {
        using var dir = new TempDirectory();
        var db = dir.File("results.db");
        using (var store = SqliteResultStore.Open(db))
        {
            store.BeginRun(StoreSamples.Run("r1", at: new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(1))));
            store.RecordCase("r1", StoreSamples.Case(status: CaseStatus.DependencyCheckFailed));
        }

        Assert.That(StoreSamples.Text(db, "SELECT started_at FROM runs"), Is.EqualTo("2025-03-01T08:30:00.0000000Z"));
        Assert.That(StoreSamples.Scalar(db, "SELECT status FROM runs"), Is.EqualTo(1));
        Assert.That(StoreSamples.Scalar(db, "SELECT scope FROM runs"), Is.EqualTo(1));
        Assert.That(StoreSamples.Scalar(db, "SELECT status FROM cases"), Is.EqualTo(5));
        Assert.That(StoreSamples.Text(db, "SELECT failure FROM cases"), Is.EqualTo("nonzero-exit"));
        Assert.That(StoreSamples.Text(db, "SELECT parameters FROM cases"), Is.EqualTo("{\"batch\":\"1\",\"model\":\"yolov8s\"}"));
        Assert.That(StoreSamples.Scalar(db, "SELECT agent_pid FROM runs"), Is.EqualTo(Environment.ProcessId));
        Assert.That(StoreSamples.Text(db, "SELECT agent_host FROM runs"), Is.EqualTo(Environment.MachineName));
    }

    [Test]
    public void Run_metrics_read_back_as_declared()
    {
        using var dir = new TempDirectory();
        using var store = SqliteResultStore.Open(dir.File("results.db"));
        var run = StoreSamples.Run("r1");
        store.BeginRun(run);

        Assert.That(store.Queries.RunMetrics("r1"), Is.EqualTo(run.Metrics.OrderBy(m => m.Name, StringComparer.Ordinal)));
        Assert.That(store.Queries.RunMetrics("missing"), Is.Empty);
    }

    [Test]
    public void A_changed_device_description_gets_its_own_row_and_old_cases_keep_theirs()
    {
        using var dir = new TempDirectory();
        var db = dir.File("results.db");
        using var store = SqliteResultStore.Open(db);
        store.BeginRun(StoreSamples.Run("r1"));
        var before = store.RecordCaseReturningId("r1", StoreSamples.Case());
        var swapped = StoreSamples.Device(model: "HAILO10H");
        var after = store.RecordCaseReturningId("r1", StoreSamples.Case(device: swapped));
        store.RecordCase("r1", StoreSamples.Case());

        Assert.That(StoreSamples.Scalar(db, "SELECT count(*) FROM devices"), Is.EqualTo(2));
        Assert.That(store.Queries.LoadCaseResult(before)!.Device.Model, Is.EqualTo("HAILO8"));
        Assert.That(store.Queries.LoadCaseResult(after)!.Device.Model, Is.EqualTo("HAILO10H"));
    }
}
