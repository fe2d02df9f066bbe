using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using PerfLab.Harness.Text;

namespace PerfLab.Results.Merge;

/// <summary>One run of a source that the merge refused, with the table and the first problem found in it.</summary>
public sealed record RefusedRun(string RunId, string Table, string Problem)
{
    /// <summary><c>run ID: table T: problem</c>, the id escaped.</summary>
    public override string ToString() => $"run {PrintableText.Escape(RunId)}: table {Table}: {Problem}";
}

/// <summary>Checks every row under the runs a merge is about to copy (those in <c>temp.merge_candidates</c>) against
/// <see cref="StoredValueRules"/> and the source's identity, and names the runs to refuse: a run is merged whole or not at all,
/// and one bad run never keeps the others out.</summary>
/// <remarks>
/// Beyond the value rules: a run, its devices and its cases must belong to the host the source speaks for (its origin); a
/// device description must hash to its fingerprint (recomputed, so a source cannot pass its runs off under another
/// description's fingerprint); a complete artifact must hash to its recorded SHA-256. Repeated names (metrics, units, steps)
/// are checked once each.
/// </remarks>
internal sealed class SourceRunValidator(SqliteConnection connection, SqliteTransaction tx, string? originHost, string originWords, DateTimeOffset now)
{
    private const string Candidates = "(SELECT id FROM temp.merge_candidates)";

    private readonly Dictionary<string, RefusedRun> _refused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _maps = new(StringComparer.Ordinal);
    private readonly Dictionary<long, string?> _devices = [];

    /// <summary>The runs to refuse, by id, each with its first problem.</summary>
    public IReadOnlyDictionary<string, RefusedRun> Validate()
    {
        Devices();
        Runs();
        Metrics();
        var caseRuns = Cases();
        Samples(caseRuns);
        Repetitions(caseRuns);
        Telemetry(caseRuns);
        Checks(caseRuns);
        Artifacts(caseRuns);
        return _refused;
    }

    private void Devices()
    {
        Read($"""
            SELECT id, host, device_id, family, model, emulated, labels, properties, key_properties, fingerprint FROM src.devices
            WHERE id IN (SELECT device FROM src.runs WHERE id IN {Candidates} UNION SELECT device FROM src.cases WHERE run_id IN {Candidates})
            """, r =>
        {
            var host = r.GetString(1);
            string? problem = null;
            if (host != originHost) problem = $"device row {r.GetInt64(0)} belongs to host '{PrintableText.Escape(host)}'; {originWords}";
            problem ??= Field("device_id", Name(r.GetString(2)))
                ?? Field("family", Name(r.GetString(3)))
                ?? Field("model", Name(r.GetString(4)))
                ?? Field("labels", Map(r.GetString(6)))
                ?? Field("properties", Map(r.GetString(7)))
                ?? Field("key_properties", StoredValueRules.JsonNameList(r.GetString(8)));
            if (problem is null)
            {
                var expected = DeviceFingerprint.Of(host, r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5) == 1,
                    r.GetString(6), r.GetString(7), r.GetString(8));
                if (expected != r.GetString(9))
                    problem = $"device '{PrintableText.Escape(r.GetString(2))}' has fingerprint {PrintableText.Escape(Cut(r.GetString(9)))}, but its description hashes to {expected}";
            }
            _devices[r.GetInt64(0)] = problem;
        });
    }

    private void Runs()
    {
        Read($"""
            SELECT id, suite, suite_version, suite_sha256, scope, build, branch, tags, host, device, agent_version, environment,
                   started_at, ended_at, status, agent_pid, agent_host, agent_process_start
            FROM src.runs WHERE id IN {Candidates}
            """, r =>
        {
            var id = r.GetString(0);
            if (StoredValueRules.RunId(id) is { } badId) { Refuse(id, "runs", "id " + badId); return; }
            var host = r.GetString(8);
            if (host != originHost) { Refuse(id, "runs", $"the run is of host '{PrintableText.Escape(host)}'; {originWords}"); return; }
            if (!r.IsDBNull(16) && r.GetString(16) != originHost)
            {
                Refuse(id, "runs", $"the run was begun by an agent on '{PrintableText.Escape(r.GetString(16))}'; {originWords}");
                return;
            }
            var started = r.GetString(12);
            var problem = Field("suite", Name(r.GetString(1)))
                ?? Field("suite_version", Name(r.GetString(2), required: false))
                ?? Field("suite_sha256", StoredValueRules.Sha256(r.GetString(3)))
                ?? Field("scope", StoredValueRules.Code(r.GetInt64(4), 1, 6))
                ?? Field("build", Name(r.GetString(5)))
                ?? Field("branch", Name(r.GetString(6)))
                ?? Field("tags", Map(r.GetString(7)))
                ?? Device(r.GetInt64(9))
                ?? Field("agent_version", Name(r.GetString(10)))
                ?? Field("environment", Map(r.GetString(11)))
                ?? Field("started_at", StoredValueRules.StoredTime(started, now))
                ?? Field("status", StoredValueRules.Code(r.GetInt64(14), 2, 4))
                ?? (r.IsDBNull(13) ? "ended_at is missing for a run that ended" : Field("ended_at", StoredValueRules.StoredTime(r.GetString(13), now)))
                ?? (string.CompareOrdinal(r.GetString(13), started) < 0 ? "ended_at is before started_at" : null)
                ?? (r.IsDBNull(15) ? null : Field("agent_pid", StoredValueRules.Integer(r.GetInt64(15), 1, int.MaxValue)))
                ?? (r.IsDBNull(17) ? null : Field("agent_process_start", Name(r.GetString(17))));
            if (problem is not null) Refuse(id, "runs", problem);
        });
    }

    private void Metrics()
    {
        Read($"""
            SELECT run_id, metric, unit, better, budget_percent, gate_min, gate_max, description FROM src.run_metrics
            WHERE run_id IN {Candidates}
            """, r =>
        {
            var run = r.GetString(0);
            if (_refused.ContainsKey(run)) return;
            var problem = Field("metric", Name(r.GetString(1)))
                ?? Field("unit", Name(r.GetString(2), required: false))
                ?? Field("better", StoredValueRules.Code(r.GetInt64(3), 1, 2))
                ?? (r.IsDBNull(4) ? null : Field("budget_percent", Percent(r.GetDouble(4))))
                ?? (r.IsDBNull(5) ? null : Field("gate_min", StoredValueRules.Figure(r.GetDouble(5))))
                ?? (r.IsDBNull(6) ? null : Field("gate_max", StoredValueRules.Figure(r.GetDouble(6))))
                ?? (!r.IsDBNull(5) && !r.IsDBNull(6) && r.GetDouble(5) > r.GetDouble(6) ? "gate_min is above gate_max" : null)
                ?? (r.IsDBNull(7) ? null : Field("description", StoredValueRules.Text(r.GetString(7))));
            if (problem is not null) Refuse(run, "run_metrics", $"metric '{PrintableText.Escape(Cut(r.GetString(1)))}': {problem}");
        });
    }

    /// <summary>Checks the cases and returns the run of every case id under the candidates.</summary>
    private Dictionary<long, string> Cases()
    {
        var runs = new Dictionary<long, string>();
        Read($"""
            SELECT id, run_id, name, parameters, device, comparability_key, key_parts, status, failure, failure_message,
                   started_at, ended_at, facts
            FROM src.cases WHERE run_id IN {Candidates}
            """, r =>
        {
            var run = r.GetString(1);
            runs[r.GetInt64(0)] = run;
            if (_refused.ContainsKey(run)) return;
            var started = r.GetString(10);
            var ended = r.GetString(11);
            var problem = Field("name", Name(r.GetString(2)))
                ?? Field("parameters", Map(r.GetString(3)))
                ?? Device(r.GetInt64(4))
                ?? Field("comparability_key", Name(r.GetString(5)))
                ?? Field("key_parts", Map(r.GetString(6)))
                ?? Field("status", StoredValueRules.Code(r.GetInt64(7), 1, 6))
                ?? (r.IsDBNull(8) ? null : Field("failure", Name(r.GetString(8))))
                ?? (r.IsDBNull(9) ? null : Field("failure_message", StoredValueRules.Text(r.GetString(9))))
                ?? Field("started_at", StoredValueRules.StoredTime(started, now))
                ?? Field("ended_at", StoredValueRules.StoredTime(ended, now))
                ?? (string.CompareOrdinal(ended, started) < 0 ? "ended_at is before started_at" : null)
                ?? Field("facts", Map(r.GetString(12)));
            if (problem is not null) Refuse(run, "cases", $"case {r.GetInt64(0)}: {problem}");
        });
        return runs;
    }

    private void Samples(Dictionary<long, string> caseRuns)
    {
        // The bulk of a source: read raw, names interned by the statement and checked once per distinct text; consecutive rows
        // mostly repeat the same strings, so a reference comparison skips even the lookup.
        using var rows = new RawStatement(connection, $"SELECT case_id, step, repetition, metric, value, unit FROM src.samples WHERE case_id IN (SELECT id FROM src.cases WHERE run_id IN {Candidates})");
        string? step = null, metric = null, unit = null;
        while (rows.Step())
        {
            if (!caseRuns.TryGetValue(rows.Int64(0), out var run) || _refused.ContainsKey(run)) continue;
            var problem = StoredValueRules.Sample(rows.Double(4)) is { } bad ? "value " + bad : null;
            problem ??= StoredValueRules.Integer(rows.Int64(2), 0, 1_000_000) is { } badRepetition ? "repetition " + badRepetition : null;
            if (problem is null && !ReferenceEquals(step, step = rows.RepeatedText(1))) problem = Field("step", Name(step));
            if (problem is null && !ReferenceEquals(metric, metric = rows.RepeatedText(3))) problem = Field("metric", Name(metric));
            if (problem is null && !ReferenceEquals(unit, unit = rows.RepeatedText(5))) problem = Field("unit", Name(unit, required: false));
            if (problem is not null)
            {
                (step, metric, unit) = (null, null, null);
                Refuse(run, "samples", $"case {rows.Int64(0)}: {problem}");
            }
        }
    }

    private void Repetitions(Dictionary<long, string> caseRuns) => PerCase(caseRuns, "repetitions",
        "step, repetition, wall_seconds, exit_code, failure", r =>
            Field("step", Name(r.GetString(1)))
            ?? Field("repetition", StoredValueRules.Integer(r.GetInt64(2), 0, 1_000_000))
            ?? Field("wall_seconds", StoredValueRules.Seconds(r.GetDouble(3)))
            ?? (r.IsDBNull(4) ? null : Field("exit_code", StoredValueRules.Integer(r.GetInt64(4), int.MinValue, int.MaxValue)))
            ?? (r.IsDBNull(5) ? null : Field("failure", Name(r.GetString(5)))));

    private void Telemetry(Dictionary<long, string> caseRuns)
    {
        using var rows = new RawStatement(connection, $"SELECT case_id, at, channel, value, unit, flag FROM src.telemetry WHERE case_id IN (SELECT id FROM src.cases WHERE run_id IN {Candidates})");
        string? channel = null, unit = null;
        while (rows.Step())
        {
            if (!caseRuns.TryGetValue(rows.Int64(0), out var run) || _refused.ContainsKey(run)) continue;
            var problem = Field("at", StoredValueRules.StoredTime(rows.Text(1), now))
                ?? Field("value", StoredValueRules.Figure(rows.Double(3)))
                ?? Field("flag", StoredValueRules.Text(rows.NullableRepeatedText(5)));
            if (problem is null && !ReferenceEquals(channel, channel = rows.RepeatedText(2))) problem = Field("channel", Name(channel));
            if (problem is null && !ReferenceEquals(unit, unit = rows.RepeatedText(4))) problem = Field("unit", Name(unit, required: false));
            if (problem is not null)
            {
                (channel, unit) = (null, null);
                Refuse(run, "telemetry", $"case {rows.Int64(0)}: {problem}");
            }
        }
    }

    private void Checks(Dictionary<long, string> caseRuns) => PerCase(caseRuns, "checks", "name, detail", r =>
        Field("name", Name(r.GetString(1))) ?? Field("detail", StoredValueRules.Text(r.GetString(2))));

    private void Artifacts(Dictionary<long, string> caseRuns) => PerCase(caseRuns, "artifacts",
        "name, media_type, sha256, original_length, length(content), truncated, CASE WHEN truncated = 0 AND length(content) <= " +
        StoredValueRules.MaxArtifactBytes + " THEN content END", r =>
        {
            var length = r.GetInt64(5);
            var problem = Field("name", Name(r.GetString(1)))
                ?? Field("media_type", Name(r.GetString(2)))
                ?? Field("sha256", StoredValueRules.Sha256(r.GetString(3)))
                ?? Field("original_length", StoredValueRules.Integer(r.GetInt64(4), 0, long.MaxValue / 2))
                ?? (length > StoredValueRules.MaxArtifactBytes ? $"content is {length} bytes (at most {StoredValueRules.MaxArtifactBytes})" : null)
                ?? (length > r.GetInt64(4) ? "content is longer than original_length" : null)
                ?? (r.GetInt64(6) == 0 && length != r.GetInt64(4) ? "content is not truncated but shorter than original_length" : null);
            if (problem is null && r.GetInt64(6) == 0)
            {
                var content = r.IsDBNull(7) ? [] : (byte[])r.GetValue(7);
                if (Convert.ToHexStringLower(SHA256.HashData(content)) != r.GetString(3))
                    problem = $"content of '{PrintableText.Escape(Cut(r.GetString(1)))}' does not hash to its recorded sha256";
            }
            return problem;
        });

    private void PerCase(Dictionary<long, string> caseRuns, string table, string columns, Func<SqliteDataReader, string?> check) =>
        Read($"SELECT case_id, {columns} FROM src.{table} WHERE case_id IN (SELECT id FROM src.cases WHERE run_id IN {Candidates})", r =>
        {
            if (!caseRuns.TryGetValue(r.GetInt64(0), out var run) || _refused.ContainsKey(run)) return;
            if (check(r) is { } problem) Refuse(run, table, $"case {r.GetInt64(0)}: {problem}");
        });

    private string? Device(long id) =>
        !_devices.TryGetValue(id, out var problem) ? $"device {id} is not in the file's devices table" : problem;

    private string? Name(string? value, bool required = true)
    {
        if (value is null) return StoredValueRules.Name(value, required);
        var key = required ? value : "\0" + value;
        if (!_names.TryGetValue(key, out var problem)) _names[key] = problem = StoredValueRules.Name(value, required);
        return problem;
    }

    /// <summary><see cref="StoredValueRules.JsonMap"/>, once per distinct text (facts and tags repeat across cases and runs).</summary>
    private string? Map(string json)
    {
        if (!_maps.TryGetValue(json, out var problem)) _maps[json] = problem = StoredValueRules.JsonMap(json);
        return problem;
    }

    private static string? Percent(double value) =>
        StoredValueRules.Figure(value) ?? (value < 0 ? $"{value} is negative" : null);

    private static string? Field(string column, string? problem) => problem is null ? null : $"{column} {problem}";

    private void Refuse(string run, string table, string problem) => _refused.TryAdd(run, new RefusedRun(run, table, problem));

    private void Read(string sql, Action<SqliteDataReader> row)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        while (r.Read()) row(r);
    }

    private static string Cut(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
