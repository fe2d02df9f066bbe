using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using PerfLab.Results.Schema;

namespace PerfLab.Results.Merge;

/// <summary>Merges agent databases into one farm database, by run id, one transaction per source.</summary>
/// <remarks>
/// Each source is ATTACHed to the target's connection and copied with INSERT … SELECT inside one IMMEDIATE transaction:
/// hosts are upserted (newest facts win, as the store does), devices are matched by fingerprint, case row ids are shifted
/// past the target's largest, and every child row follows its case. A run the target already has is compared by content:
/// identical ones are skipped (merging twice adds nothing), different ones are reported as conflicts and left as they are.
/// Runs still <c>running</c> in a source are left out until they end. The target is in WAL mode, so readers keep reading
/// a consistent snapshot while a source is merged, and see it whole once it commits.
/// </remarks>
public static class FarmMerger
{
    /// <summary>Merges every source into <paramref name="targetPath"/> (created when missing), in order.</summary>
    /// <param name="progress">Called after each source with its result.</param>
    /// <exception cref="ResultStoreException">The target is not a PerfLab database or has a newer schema; nothing was merged.</exception>
    /// <exception cref="ArgumentException">A source is missing or is the target itself.</exception>
    public static MergeReport Merge(string targetPath, IReadOnlyList<string> sources, Action<MergeSourceResult>? progress = null)
    {
        var target = Path.GetFullPath(targetPath);
        foreach (var s in sources)
        {
            if (!File.Exists(s)) throw new ArgumentException($"{Path.GetFullPath(s)}: no such database");
            if (Path.GetFullPath(s) == target) throw new ArgumentException($"{target}: a database cannot be merged into itself");
        }
        // Opening through the store creates or migrates the target and refuses a newer or foreign file.
        using (SqliteResultStore.Open(target)) { }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = target, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 60,
        }.ToString());
        connection.Open();
        Execute(connection, null, "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");

        var results = new List<MergeSourceResult>();
        foreach (var source in sources)
        {
            var result = MergeSource(connection, Path.GetFullPath(source));
            results.Add(result);
            progress?.Invoke(result);
        }
        return new MergeReport(target, results);
    }

    private static MergeSourceResult MergeSource(SqliteConnection connection, string source)
    {
        int version;
        try { version = InspectSource(source); }
        catch (Exception e) when (e is SqliteException or ResultStoreException or InvalidDataException)
        {
            return MergeSourceResult.Failed(source, -1, e.Message);
        }
        if (version > SchemaMigrations.LatestVersion)
        {
            return MergeSourceResult.Failed(source, version,
                $"schema version {version} is newer than this PerfLab build knows (up to {SchemaMigrations.LatestVersion}); merge with a newer perflab");
        }
        if (version == SchemaMigrations.LatestVersion) return MergeAttached(connection, source, source, version, null);

        // An older source is never written to (it may be a CI artifact): a copy is migrated and merged.
        var copy = Path.Combine(Path.GetTempPath(), $"perflab-merge-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        try
        {
            MigratedCopy(source, copy);
            return MergeAttached(connection, copy, source, SchemaMigrations.LatestVersion, version);
        }
        catch (Exception e) when (e is SqliteException or ResultStoreException)
        {
            return MergeSourceResult.Failed(source, version, $"migrating a copy from schema version {version} failed: {e.Message}");
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try { File.Delete(copy + suffix); } catch (IOException) { }
            }
        }
    }

    /// <summary>The source's schema version; refuses a file that is not a PerfLab results database.</summary>
    private static int InspectSource(string source)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        var version = (int)Scalar(c, "PRAGMA user_version");
        var appId = Scalar(c, "PRAGMA application_id");
        var tables = Scalar(c, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
        if (version == 0 && tables == 0) return 0;
        if (appId != SchemaMigrations.ApplicationId)
            throw new InvalidDataException($"not a PerfLab results database (application_id {appId}, {tables} tables)");
        return version;
    }

    private static void MigratedCopy(string source, string copy)
    {
        using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
        {
            from.Open();
            to.Open();
            from.BackupDatabase(to);
        }
        using var migrated = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
        migrated.Open();
        SchemaMigrations.Apply(migrated, copy);
    }

    private static MergeSourceResult MergeAttached(SqliteConnection connection, string attachPath, string source, int version, int? migratedFrom)
    {
        using (var attach = connection.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE $path AS src";
            attach.Parameters.AddWithValue("$path", attachPath);
            attach.ExecuteNonQuery();
        }
        try
        {
            using var tx = connection.BeginTransaction(deferred: false);
            try
            {
                var result = Copy(connection, tx, source, version, migratedFrom);
                tx.Commit();
                return result;
            }
            catch (SqliteException e)
            {
                tx.Rollback();
                return MergeSourceResult.Failed(source, version, $"nothing of it was merged: {e.Message}");
            }
        }
        finally
        {
            Execute(connection, null, "DETACH DATABASE src");
        }
    }

    private static MergeSourceResult Copy(SqliteConnection c, SqliteTransaction tx, string source, int version, int? migratedFrom)
    {
        var running = (long)RunStatus.Running;
        Execute(c, tx, """
            CREATE TEMP TABLE IF NOT EXISTS merge_runs (id TEXT PRIMARY KEY) WITHOUT ROWID;
            CREATE TEMP TABLE IF NOT EXISTS merge_devices (src_id INTEGER PRIMARY KEY, dst_id INTEGER NOT NULL);
            DELETE FROM temp.merge_runs;
            DELETE FROM temp.merge_devices;
            """);
        var inProgress = (int)Scalar(c, $"SELECT count(*) FROM src.runs WHERE status = {running}", tx);

        var overlap = new List<string>();
        using (var cmd = Cmd(c, tx, $"SELECT s.id FROM src.runs s JOIN main.runs m ON m.id = s.id WHERE s.status <> {running} ORDER BY s.id"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read()) overlap.Add(r.GetString(0));
        }
        var conflicts = new List<MergeConflict>();
        foreach (var id in overlap)
        {
            if (RunContent.Difference(c, tx, "src", "main", id) is { } difference) conflicts.Add(new MergeConflict(id, difference));
        }

        var added = Execute(c, tx, $"""
            INSERT INTO temp.merge_runs (id)
            SELECT id FROM src.runs WHERE status <> {running} AND id NOT IN (SELECT id FROM main.runs)
            """);
        if (added == 0) return new MergeSourceResult(source, version, 0, overlap.Count - conflicts.Count, inProgress, conflicts, 0, 0, migratedFrom, null);

        // Newest facts win, as in the store's own host upsert.
        Execute(c, tx, """
            INSERT INTO main.hosts (name, os, architecture, processor_count, cpu_model, first_seen, last_seen)
            SELECT name, os, architecture, processor_count, cpu_model, first_seen, last_seen FROM src.hosts
            WHERE name IN (SELECT host FROM src.runs WHERE id IN (SELECT id FROM temp.merge_runs)
                           UNION SELECT host FROM src.devices)
            ON CONFLICT (name) DO UPDATE SET
                os = CASE WHEN excluded.last_seen >= hosts.last_seen THEN excluded.os ELSE hosts.os END,
                architecture = CASE WHEN excluded.last_seen >= hosts.last_seen THEN excluded.architecture ELSE hosts.architecture END,
                processor_count = CASE WHEN excluded.last_seen >= hosts.last_seen THEN excluded.processor_count ELSE hosts.processor_count END,
                cpu_model = CASE WHEN excluded.last_seen >= hosts.last_seen THEN excluded.cpu_model ELSE hosts.cpu_model END,
                first_seen = min(hosts.first_seen, excluded.first_seen),
                last_seen = max(hosts.last_seen, excluded.last_seen)
            """);
        Execute(c, tx, """
            INSERT INTO main.devices (host, device_id, family, model, emulated, labels, properties, key_properties, fingerprint)
            SELECT host, device_id, family, model, emulated, labels, properties, key_properties, fingerprint FROM src.devices WHERE true
            ON CONFLICT (fingerprint) DO NOTHING;
            INSERT INTO temp.merge_devices (src_id, dst_id)
            SELECT s.id, m.id FROM src.devices s JOIN main.devices m ON m.fingerprint = s.fingerprint;
            """);
        Execute(c, tx, """
            INSERT INTO main.runs (id, suite, suite_version, suite_sha256, scope, build, branch, tags, host, device, agent_version,
                                   environment, started_at, ended_at, status, agent_pid, agent_host, agent_process_start)
            SELECT r.id, r.suite, r.suite_version, r.suite_sha256, r.scope, r.build, r.branch, r.tags, r.host, dm.dst_id, r.agent_version,
                   r.environment, r.started_at, r.ended_at, r.status, r.agent_pid, r.agent_host, r.agent_process_start
            FROM src.runs r JOIN temp.merge_runs n ON n.id = r.id JOIN temp.merge_devices dm ON dm.src_id = r.device;
            INSERT INTO main.run_metrics (run_id, metric, unit, better, budget_percent, gate_min, gate_max, description)
            SELECT m.run_id, m.metric, m.unit, m.better, m.budget_percent, m.gate_min, m.gate_max, m.description
            FROM src.run_metrics m JOIN temp.merge_runs n ON n.id = m.run_id;
            """);
        if (Scalar(c, "SELECT count(*) FROM temp.merge_runs n WHERE n.id NOT IN (SELECT id FROM main.runs)", tx) > 0)
            throw new SqliteException("a source run refers to a device the source does not have", 19);

        // Case ids are local to each file: shift the source's past the target's largest so children can follow by arithmetic.
        var offset = Scalar(c, "SELECT coalesce(max(id), 0) FROM main.cases", tx);
        var casesAdded = Execute(c, tx, $"""
            INSERT INTO main.cases (id, run_id, name, parameters, device, comparability_key, key_parts, status, failure, failure_message,
                                    started_at, ended_at, facts)
            SELECT c.id + {offset}, c.run_id, c.name, c.parameters, dm.dst_id, c.comparability_key, c.key_parts, c.status, c.failure,
                   c.failure_message, c.started_at, c.ended_at, c.facts
            FROM src.cases c JOIN temp.merge_runs n ON n.id = c.run_id JOIN temp.merge_devices dm ON dm.src_id = c.device
            ORDER BY c.id
            """);
        var expectedCases = Scalar(c, "SELECT count(*) FROM src.cases WHERE run_id IN (SELECT id FROM temp.merge_runs)", tx);
        if (casesAdded != expectedCases)
            throw new SqliteException($"{expectedCases - casesAdded} case(s) refer to a device the source does not have", 19);

        const string newCases = "(SELECT id FROM src.cases WHERE run_id IN (SELECT id FROM temp.merge_runs))";
        // rowid order is the order rows were recorded in, which readers rely on (samples of a repetition, telemetry in time).
        var samplesAdded = Execute(c, tx, $"""
            INSERT INTO main.samples (case_id, step, repetition, metric, value, unit)
            SELECT case_id + {offset}, step, repetition, metric, value, unit FROM src.samples WHERE case_id IN {newCases} ORDER BY rowid
            """);
        Execute(c, tx, $"""
            INSERT INTO main.repetitions (case_id, step, repetition, warmup, wall_seconds, exit_code, failure)
            SELECT case_id + {offset}, step, repetition, warmup, wall_seconds, exit_code, failure FROM src.repetitions WHERE case_id IN {newCases} ORDER BY rowid;
            INSERT INTO main.telemetry (case_id, at, channel, value, unit, flag)
            SELECT case_id + {offset}, at, channel, value, unit, flag FROM src.telemetry WHERE case_id IN {newCases} ORDER BY rowid;
            INSERT INTO main.checks (case_id, name, passed, detail)
            SELECT case_id + {offset}, name, passed, detail FROM src.checks WHERE case_id IN {newCases} ORDER BY rowid;
            INSERT INTO main.artifacts (case_id, name, media_type, sha256, original_length, content, truncated)
            SELECT case_id + {offset}, name, media_type, sha256, original_length, content, truncated FROM src.artifacts WHERE case_id IN {newCases} ORDER BY rowid;
            """);
        return new MergeSourceResult(source, version, (int)added, overlap.Count - conflicts.Count, inProgress, conflicts,
            casesAdded, samplesAdded, migratedFrom, null);
    }

    private static SqliteCommand Cmd(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private static int Execute(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        using var cmd = Cmd(c, tx, sql);
        return cmd.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = Cmd(c, tx, sql);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
