using System.Globalization;
using Microsoft.Data.Sqlite;

using PerfLab.Results;
using PerfLab.Results.Merge;

namespace PerfLab.Benchmarks.Farm;

/// <summary>Builds a farm's year database from host 0's year by copying it once per host under that host's name (run ids and
/// device fingerprints suffixed per host, comparability keys those the host's own agent writes, so a later night generated
/// for the host continues its series): the same rows a year of merges would leave, in seconds.</summary>
public static class FarmYearBuilder
{
    /// <summary>Fills <paramref name="targetPath"/> (created by the store) with <paramref name="hosts"/> copies of <paramref name="hostYearPath"/>.</summary>
    public static void Build(string hostYearPath, string targetPath, int hosts)
    {
        using (SqliteResultStore.Open(targetPath)) { }
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = targetPath, Pooling = false }.ToString());
        c.Open();
        Exec(c, null, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
        using (var attach = c.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE $p AS src";
            attach.Parameters.AddWithValue("$p", Path.GetFullPath(hostYearPath));
            attach.ExecuteNonQuery();
        }
        for (var h = 0; h < hosts; h++)
        {
            using var tx = c.BeginTransaction(deferred: false);
            var name = SyntheticFarm.HostName(h);
            var suffix = "-h" + h.ToString("D3", CultureInfo.InvariantCulture);
            long offset;
            using (var max = Cmd(c, tx, "SELECT coalesce(max(id), 0) FROM main.cases")) offset = Convert.ToInt64(max.ExecuteScalar(), CultureInfo.InvariantCulture);
            var o = offset.ToString(CultureInfo.InvariantCulture);
            using var cmd = Cmd(c, tx, $"""
                INSERT INTO main.hosts SELECT $name, os, architecture, processor_count, cpu_model, first_seen, last_seen FROM src.hosts;
                INSERT INTO main.devices (host, device_id, family, model, emulated, labels, properties, key_properties, fingerprint)
                SELECT $name, device_id, family, model, emulated, labels, properties, key_properties, fingerprint || $suffix FROM src.devices;
                INSERT INTO main.runs (id, suite, suite_version, suite_sha256, scope, build, branch, tags, host, device, agent_version,
                                       environment, started_at, ended_at, status, agent_pid, agent_host, agent_process_start)
                SELECT r.id || $suffix, r.suite, r.suite_version, r.suite_sha256, r.scope, r.build, r.branch, r.tags, $name,
                       (SELECT m.id FROM main.devices m WHERE m.fingerprint = d.fingerprint || $suffix), r.agent_version,
                       r.environment, r.started_at, r.ended_at, r.status, r.agent_pid, r.agent_host, r.agent_process_start
                FROM src.runs r JOIN src.devices d ON d.id = r.device ORDER BY r.rowid;
                INSERT INTO main.run_metrics SELECT run_id || $suffix, metric, unit, better, budget_percent, gate_min, gate_max, description FROM src.run_metrics;
                INSERT INTO main.cases (id, run_id, name, parameters, device, comparability_key, key_parts, status, failure, failure_message,
                                        started_at, ended_at, facts)
                SELECT c.id + {o}, c.run_id || $suffix, c.name, c.parameters,
                       (SELECT m.id FROM main.devices m WHERE m.fingerprint = d.fingerprint || $suffix), coalesce((SELECT j.value ->> 1 FROM json_each($keys) j WHERE j.value ->> 0 = c.comparability_key), c.comparability_key || $suffix),
                       c.key_parts, c.status, c.failure, c.failure_message, c.started_at, c.ended_at, c.facts
                FROM src.cases c JOIN src.devices d ON d.id = c.device ORDER BY c.id;
                INSERT INTO main.samples SELECT case_id + {o}, step, repetition, metric, value, unit FROM src.samples ORDER BY rowid;
                INSERT INTO main.repetitions SELECT case_id + {o}, step, repetition, warmup, wall_seconds, exit_code, failure FROM src.repetitions ORDER BY rowid;
                INSERT INTO main.telemetry SELECT case_id + {o}, at, channel, value, unit, flag FROM src.telemetry ORDER BY rowid;
                INSERT INTO main.checks SELECT case_id + {o}, name, passed, detail FROM src.checks ORDER BY rowid;
                INSERT INTO main.artifacts SELECT case_id + {o}, name, media_type, sha256, original_length, content, truncated FROM src.artifacts ORDER BY rowid;
                """);
            cmd.Parameters.AddWithValue("$name", name);
            cmd.Parameters.AddWithValue("$suffix", suffix);
            cmd.Parameters.AddWithValue("$keys", System.Text.Json.JsonSerializer.Serialize(SyntheticFarm.SuiteModels()
                .Select(x => new[] { SyntheticFarm.ComparabilityKey(0, x.Suite, x.Model), SyntheticFarm.ComparabilityKey(h, x.Suite, x.Model) })));
            cmd.ExecuteNonQuery();
            tx.Commit();
        }
        Exec(c, null, "DETACH DATABASE src; PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static SqliteCommand Cmd(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private static void Exec(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        using var cmd = Cmd(c, tx, sql);
        cmd.ExecuteNonQuery();
    }
}
