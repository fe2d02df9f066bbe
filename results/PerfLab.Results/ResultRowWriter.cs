using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;

namespace PerfLab.Results;

/// <summary>Prepared, reused INSERT commands for runs and cases; callers own the transaction.</summary>
/// <remarks>Every write of the store (live recording and bulk ingest) goes through these commands, so the ingest benchmark
/// measures the same code the agent runs.</remarks>
internal sealed class ResultRowWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly PreparedCommand _upsertHost;
    private readonly PreparedCommand _insertDevice;
    private readonly PreparedCommand _findDevice;
    private readonly PreparedCommand _insertRun;
    private readonly PreparedCommand _insertMetric;
    private readonly PreparedCommand _insertCase;
    private readonly SampleInserter _samples;
    private readonly PreparedCommand _insertRepetition;
    private readonly PreparedCommand _insertCheck;
    private readonly PreparedCommand _insertTelemetry;
    private readonly PreparedCommand _insertArtifact;

    public ResultRowWriter(SqliteConnection connection)
    {
        _connection = connection;
        // Keeps the facts of the newest run seen: ingesting an old history never overwrites what a host is today.
        _upsertHost = Prepare("""
            INSERT INTO hosts (name, os, architecture, processor_count, cpu_model, first_seen, last_seen)
            VALUES ($name, $os, $arch, $cpus, $cpu, $seen, $seen)
            ON CONFLICT (name) DO UPDATE SET
                os = CASE WHEN excluded.last_seen >= hosts.last_seen THEN excluded.os ELSE hosts.os END,
                architecture = CASE WHEN excluded.last_seen >= hosts.last_seen THEN excluded.architecture ELSE hosts.architecture END,
                processor_count = CASE WHEN excluded.last_seen >= hosts.last_seen THEN excluded.processor_count ELSE hosts.processor_count END,
                cpu_model = CASE WHEN excluded.last_seen >= hosts.last_seen THEN excluded.cpu_model ELSE hosts.cpu_model END,
                first_seen = min(hosts.first_seen, excluded.first_seen),
                last_seen = max(hosts.last_seen, excluded.last_seen)
            """, "$name", "$os", "$arch", "$cpus", "$cpu", "$seen");
        _insertDevice = Prepare("""
            INSERT INTO devices (host, device_id, family, model, emulated, labels, properties, key_properties, fingerprint)
            VALUES ($host, $device_id, $family, $model, $emulated, $labels, $properties, $key_properties, $fingerprint)
            ON CONFLICT (fingerprint) DO NOTHING
            """, "$host", "$device_id", "$family", "$model", "$emulated", "$labels", "$properties", "$key_properties", "$fingerprint");
        _findDevice = Prepare("SELECT id FROM devices WHERE fingerprint = $fingerprint", "$fingerprint");
        _insertRun = Prepare("""
            INSERT INTO runs (id, suite, suite_version, suite_sha256, scope, build, branch, tags, host, device, agent_version,
                              environment, started_at, ended_at, status, agent_pid, agent_host, agent_process_start)
            VALUES ($id, $suite, $suite_version, $suite_sha256, $scope, $build, $branch, $tags, $host, $device, $agent_version,
                    $environment, $started_at, $ended_at, $status, $agent_pid, $agent_host, $agent_process_start)
            """, "$id", "$suite", "$suite_version", "$suite_sha256", "$scope", "$build", "$branch", "$tags", "$host", "$device",
            "$agent_version", "$environment", "$started_at", "$ended_at", "$status", "$agent_pid", "$agent_host", "$agent_process_start");
        _insertMetric = Prepare("""
            INSERT INTO run_metrics (run_id, metric, unit, better, budget_percent, gate_min, gate_max, description)
            VALUES ($run_id, $metric, $unit, $better, $budget, $min, $max, $description)
            """, "$run_id", "$metric", "$unit", "$better", "$budget", "$min", "$max", "$description");
        _insertCase = Prepare("""
            INSERT INTO cases (run_id, name, parameters, device, comparability_key, key_parts, status, failure, failure_message,
                               started_at, ended_at, facts)
            VALUES ($run_id, $name, $parameters, $device, $key, $key_parts, $status, $failure, $failure_message,
                    $started_at, $ended_at, $facts)
            RETURNING id
            """, "$run_id", "$name", "$parameters", "$device", "$key", "$key_parts", "$status", "$failure", "$failure_message",
            "$started_at", "$ended_at", "$facts");
        _samples = new SampleInserter(connection);
        _insertRepetition = Prepare("""
            INSERT INTO repetitions (case_id, step, repetition, warmup, wall_seconds, exit_code, failure)
            VALUES ($case, $step, $rep, $warmup, $wall, $exit, $failure)
            """, "$case", "$step", "$rep", "$warmup", "$wall", "$exit", "$failure");
        _insertCheck = Prepare(
            "INSERT INTO checks (case_id, name, passed, detail) VALUES ($case, $name, $passed, $detail)",
            "$case", "$name", "$passed", "$detail");
        _insertTelemetry = Prepare(
            "INSERT INTO telemetry (case_id, at, channel, value, unit, flag) VALUES ($case, $at, $channel, $value, $unit, $flag)",
            "$case", "$at", "$channel", "$value", "$unit", "$flag");
        _insertArtifact = Prepare("""
            INSERT INTO artifacts (case_id, name, media_type, sha256, original_length, content, truncated)
            VALUES ($case, $name, $media_type, $sha256, $length, $content, $truncated)
            """, "$case", "$name", "$media_type", "$sha256", "$length", "$content", "$truncated");
    }

    /// <summary>Inserts the run row (with its host, device and metric definitions).</summary>
    public void WriteRun(SqliteTransaction tx, RunInfo run, RunStatus status, DateTimeOffset? endedAt, AgentProcess? agent)
    {
        var started = StoredText.Time(run.StartedAt);
        _upsertHost.Run(tx, run.Host.Name, run.Host.Os, run.Host.Architecture, (long)run.Host.ProcessorCount, run.Host.CpuModel, started);
        var device = DeviceRow(tx, run.Host.Name, run.Device);
        _insertRun.Run(tx, run.Id, run.Suite, run.SuiteVersion, run.SuiteSha256, (long)run.Scope, run.Build, run.Branch,
            StoredText.Map(run.Tags), run.Host.Name, device, run.AgentVersion, StoredText.Map(run.Environment), started,
            endedAt is { } e ? StoredText.Time(e) : null, (long)status, agent is null ? null : (long)agent.Pid,
            agent?.HostName, agent?.StartToken);
        foreach (var m in run.Metrics)
        {
            _insertMetric.Run(tx, run.Id, m.Name, m.Unit, (long)m.Better, m.Gate.BudgetPercent, m.Gate.Min, m.Gate.Max, m.Description);
        }
    }

    /// <summary>Inserts one case and every row under it; returns the case id.</summary>
    /// <remarks>Row order is case, samples, repetitions, checks, telemetry, artifacts; a failure at any row is undone by the caller's rollback.</remarks>
    public long WriteCase(SqliteTransaction tx, string runId, string host, CaseResult c)
    {
        var device = DeviceRow(tx, host, c.Device);
        var caseId = (long)_insertCase.Scalar(tx, runId, c.Name, StoredText.Map(c.Parameters), device, c.ComparabilityKey,
            StoredText.Map(c.KeyParts), (long)c.Status, c.Failure?.Code, c.FailureMessage, StoredText.Time(c.StartedAt),
            StoredText.Time(c.EndedAt), StoredText.Map(c.Facts))!;

        _samples.Insert(caseId, c.Samples);
        foreach (var r in c.Repetitions)
            _insertRepetition.Run(tx, caseId, r.Step, (long)r.Repetition, r.Warmup ? 1L : 0L, r.WallSeconds, r.ExitCode is { } x ? (long)x : null, r.Failure);
        foreach (var k in c.Checks)
            _insertCheck.Run(tx, caseId, k.Name, k.Passed ? 1L : 0L, k.Detail);
        foreach (var t in c.Telemetry)
            _insertTelemetry.Run(tx, caseId, StoredText.Time(t.At), t.Channel, t.Value, t.Unit, t.Flag);
        foreach (var a in c.Artifacts)
            _insertArtifact.Run(tx, caseId, a.Name, a.MediaType, a.Sha256, a.OriginalLength, a.Content, a.Truncated ? 1L : 0L);
        return caseId;
    }

    /// <summary>The devices row for this exact description of the device (a changed firmware or model gets a new row).</summary>
    private long DeviceRow(SqliteTransaction tx, string host, Device d)
    {
        var labels = StoredText.Map(d.Labels);
        var properties = StoredText.Map(d.Properties);
        var keyProperties = StoredText.List(d.KeyProperties);
        var fingerprint = DeviceFingerprint.Of(host, d.Id, d.Family, d.Model, d.Emulated, labels, properties, keyProperties);
        _insertDevice.Run(tx, host, d.Id, d.Family, d.Model, d.Emulated ? 1L : 0L, labels, properties, keyProperties, fingerprint);
        return (long)_findDevice.Scalar(tx, fingerprint)!;
    }

    private PreparedCommand Prepare(string sql, params string[] names) => new(_connection, sql, names);

    public void Dispose()
    {
        foreach (var c in new[] { _upsertHost, _insertDevice, _findDevice, _insertRun, _insertMetric, _insertCase,
                     _insertRepetition, _insertCheck, _insertTelemetry, _insertArtifact })
            c.Dispose();
        _samples.Dispose();
    }
}
