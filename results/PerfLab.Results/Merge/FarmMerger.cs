using System.Globalization;
using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Text;
using PerfLab.Results.Schema;
using PerfLab.Results.Untrusted;

namespace PerfLab.Results.Merge;

/// <summary>Merges agent databases into one farm database, by run id, one transaction per source. Sources are untrusted: each
/// is read without ever being written or locked, with SQLite's defences, checked (schema exactly PerfLab's,
/// <c>integrity_check</c>), and its runs are checked row by row and against the host it speaks for before anything of it is
/// written.</summary>
/// <remarks>
/// A source without a log beside it is ATTACHed read-only and immutable (no lock, no <c>-wal</c> or <c>-shm</c> created); one
/// with a leftover <c>-wal</c> or <c>-journal</c>, or an older schema, is first copied with its log to a private folder
/// (<see cref="SourceSnapshot"/>), where the log is replayed and the schema migrated. <see cref="SourceChecker"/> checks each
/// source, ATTACHed to the target's connection, before the write transaction; the checked source is then and merged with INSERT … SELECT inside one IMMEDIATE transaction: the
/// source's own host is upserted (newest facts win, as the store does), devices are matched by (recomputed) fingerprint,
/// case row ids are shifted past the target's largest, and every child row follows its case. A run the target already has is
/// compared by content: identical ones are skipped (merging twice adds nothing), different ones are reported as conflicts
/// naming the file the farm's copy came from. Runs still <c>running</c> are left out until they end. The source file itself
/// is only ever read (docs/farm.md, "Trust model").
/// </remarks>
public static class FarmMerger
{
    /// <summary>Merges every source into <paramref name="targetPath"/> (created when missing), in order.</summary>
    /// <param name="progress">Called after each source with its result.</param>
    /// <param name="cancellation">Stops the merge, interrupting a statement in progress; the source being merged is rolled back.</param>
    /// <exception cref="ResultStoreException">The target is not a PerfLab database, has a newer schema or a schema that is not
    /// PerfLab's; nothing was merged.</exception>
    /// <exception cref="ArgumentException">A source is missing or is the target itself (also through a symbolic or hard link).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the sources merged before stay merged.</exception>
    public static MergeReport Merge(string targetPath, IReadOnlyList<string> sources, Action<MergeSourceResult>? progress = null,
        CancellationToken cancellation = default) =>
        Merge(targetPath, sources, progress, cancellation, statementSteps: null);

    /// <param name="statementSteps">Overrides the per-statement budget derived from each source's size (tests).</param>
    internal static MergeReport Merge(string targetPath, IReadOnlyList<string> sources, Action<MergeSourceResult>? progress,
        CancellationToken cancellation, long? statementSteps)
    {
        var target = Path.GetFullPath(targetPath);
        var targetFile = FileIdentity.OfExisting(target);
        var files = new List<string>();
        foreach (var s in sources)
        {
            var full = Path.GetFullPath(s);
            if (!File.Exists(full)) throw new ArgumentException($"{PrintableText.Escape(full)}: no such database");
            if (full == target || (targetFile is { } t && FileIdentity.Of(full) == t))
            {
                throw new ArgumentException($"{PrintableText.Escape(full)}: is the farm database {PrintableText.Escape(target)}" +
                    $"{(full == target ? "" : " itself, through a link")}; a database cannot be merged into itself");
            }
            files.Add(full);
        }
        // Opening through the store creates or migrates the target and refuses a newer, foreign or tampered file.
        using (SqliteResultStore.Open(target)) { }

        // Opened by URI, so that sources can be ATTACHed by URI (read-only, immutable).
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = SqliteUri.File(target), Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 60,
        }.ToString());
        connection.Open();
        Execute(connection, null, "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
        var budget = SqliteDefences.Apply(connection, MinimumSteps, attachments: 1, cancellation);
        Execute(connection, null, """
            CREATE TEMP TABLE merge_candidates (id TEXT PRIMARY KEY) WITHOUT ROWID;
            CREATE TEMP TABLE merge_runs (id TEXT PRIMARY KEY) WITHOUT ROWID;
            CREATE TEMP TABLE merge_devices (src_id INTEGER PRIMARY KEY, dst_id INTEGER NOT NULL);
            """);
        var results = new List<MergeSourceResult>();
        foreach (var file in files)
        {
            cancellation.ThrowIfCancellationRequested();
            MergeSourceResult result;
            try
            {
                using var current = SourceChecker.Check(connection, budget, file, statementSteps);
                result = MergeChecked(connection, current);
            }
            catch (SqliteException e) when (budget.Cancelled)
            {
                throw new OperationCanceledException($"merge of {file} interrupted; nothing of it was merged", e, cancellation);
            }
            catch (SqliteException e)
            {
                var why = budget.Reason is { } reason ? $"{e.Message}: {reason}" : e.Message;
                result = MergeSourceResult.Failed(file, -1, $"nothing of it was merged: {why}");
            }
            results.Add(result);
            progress?.Invoke(result);
        }
        return new MergeReport(target, results);
    }

    /// <summary>The least per-statement budget of a source: SQLite instructions, about a tenth of a second to a second.</summary>
    internal const long MinimumSteps = 100_000_000;

    /// <summary>A statement's budget for a source of <paramref name="bytes"/>: the merge reads each source row a few times at a
    /// few dozen instructions each, so 50 per byte is far above any honest file and still bounds a hostile one.</summary>
    internal static long StepsFor(long bytes) => MinimumSteps + 50 * bytes;

    private static MergeSourceResult MergeChecked(SqliteConnection connection, CheckedSource checkedSource)
    {
        if (checkedSource.Refusal is { } refusal) return MergeSourceResult.Failed(checkedSource.Source, checkedSource.Version, refusal);
        using var tx = connection.BeginTransaction(deferred: false);
        try
        {
            var result = Copy(connection, tx, checkedSource);
            if (result.Succeeded) tx.Commit();
            else tx.Rollback();
            return result;
        }
        catch
        {
            tx.Rollback();
            throw;
        }
    }

    private static MergeSourceResult Copy(SqliteConnection c, SqliteTransaction tx, CheckedSource checkedSource)
    {
        var (source, version, migratedFrom, recorded, originHost) =
            (checkedSource.Source, checkedSource.Version, checkedSource.MigratedFrom, checkedSource.Origin, checkedSource.OriginHost);
        var running = (long)RunStatus.Running;
        Execute(c, tx, "DELETE FROM temp.merge_runs; DELETE FROM temp.merge_devices;");
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
            if (RunContent.Difference(c, tx, "src", "main", id) is { } difference) conflicts.Add(new MergeConflict(id, difference, FarmCopyFrom(c, tx, id)));
        }
        var present = overlap.Count - conflicts.Count;

        // The runs the farm lacks, less those the check refused (it checked every run the farm lacked then, a superset).
        int added;
        using (var keep = Cmd(c, tx, $"""
            INSERT INTO temp.merge_runs (id)
            SELECT id FROM src.runs WHERE status <> {running} AND id NOT IN (SELECT id FROM main.runs)
              AND id NOT IN (SELECT value FROM json_each($refused))
            """))
        {
            keep.Parameters.AddWithValue("$refused", StoredText.List(checkedSource.RefusedRuns.Keys));
            added = keep.ExecuteNonQuery();
        }
        var refusedRuns = checkedSource.RefusedRuns.Values
            .Where(r => Scalar(c, tx, "SELECT count(*) FROM main.runs WHERE id = $id", r.RunId) == 0)
            .OrderBy(r => r.RunId, StringComparer.Ordinal).ToList();
        if (added > 0 && checkedSource.HostProblem is { } hostProblem)
            return MergeSourceResult.Failed(source, version, $"table hosts, host '{PrintableText.Escape(originHost ?? "")}': {hostProblem}; nothing of the file was merged");
        if (added == 0) return new MergeSourceResult(source, version, 0, present, inProgress, conflicts, 0, 0, migratedFrom, null, refusedRuns, originHost);

        // Only the host the source speaks for; newest facts win, as in the store's own host upsert.
        using (var host = Cmd(c, tx, """
            INSERT INTO main.hosts (name, os, architecture, processor_count, cpu_model, first_seen, last_seen)
            SELECT name, os, architecture, processor_count, cpu_model, first_seen, last_seen FROM src.hosts WHERE name = $origin
            ON CONFLICT (name) DO UPDATE SET
                os = CASE WHEN excluded.last_seen >= hosts.last_seen THEN excluded.os ELSE hosts.os END,
                architecture = CASE WHEN excluded.last_seen >= hosts.last_seen THEN excluded.architecture ELSE hosts.architecture END,
                processor_count = CASE WHEN excluded.last_seen >= hosts.last_seen THEN excluded.processor_count ELSE hosts.processor_count END,
                cpu_model = CASE WHEN excluded.last_seen >= hosts.last_seen THEN excluded.cpu_model ELSE hosts.cpu_model END,
                first_seen = min(hosts.first_seen, excluded.first_seen),
                last_seen = max(hosts.last_seen, excluded.last_seen)
            """))
        {
            host.Parameters.AddWithValue("$origin", originHost);
            host.ExecuteNonQuery();
        }
        // Only the descriptions the merged runs use (all checked: the origin's host, fingerprints recomputed).
        Execute(c, tx, """
            INSERT INTO main.devices (host, device_id, family, model, emulated, labels, properties, key_properties, fingerprint)
            SELECT host, device_id, family, model, emulated, labels, properties, key_properties, fingerprint FROM src.devices
            WHERE id IN (SELECT device FROM src.runs WHERE id IN (SELECT id FROM temp.merge_runs)
                         UNION SELECT device FROM src.cases WHERE run_id IN (SELECT id FROM temp.merge_runs))
            ON CONFLICT (fingerprint) DO NOTHING;
            INSERT INTO temp.merge_devices (src_id, dst_id)
            SELECT s.id, m.id FROM src.devices s JOIN main.devices m ON m.fingerprint = s.fingerprint;
            """);
        // The check refused every run or case whose device the file lacks; the counts below only guard that promise.
        var runsAdded = Execute(c, tx, """
            INSERT INTO main.runs (id, suite, suite_version, suite_sha256, scope, build, branch, tags, host, device, agent_version,
                                   environment, started_at, ended_at, status, agent_pid, agent_host, agent_process_start)
            SELECT r.id, r.suite, r.suite_version, r.suite_sha256, r.scope, r.build, r.branch, r.tags, r.host, dm.dst_id, r.agent_version,
                   r.environment, r.started_at, r.ended_at, r.status, r.agent_pid, r.agent_host, r.agent_process_start
            FROM src.runs r JOIN temp.merge_runs n ON n.id = r.id JOIN temp.merge_devices dm ON dm.src_id = r.device
            """);
        if (runsAdded != added) throw new SqliteException($"{added - runsAdded} run(s) refer to a device the source does not have", 19);
        Execute(c, tx, """
            INSERT INTO main.run_metrics (run_id, metric, unit, better, budget_percent, gate_min, gate_max, description)
            SELECT m.run_id, m.metric, m.unit, m.better, m.budget_percent, m.gate_min, m.gate_max, m.description
            FROM src.run_metrics m JOIN temp.merge_runs n ON n.id = m.run_id
            """);

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
        using (var sources = Cmd(c, tx, """
            INSERT INTO main.run_sources (run_id, source, database_id, origin_host, merged_at)
            SELECT id, $source, $database, $origin, $at FROM temp.merge_runs
            """))
        {
            sources.Parameters.AddWithValue("$source", source);
            sources.Parameters.AddWithValue("$database", (object?)recorded?.DatabaseId ?? DBNull.Value);
            sources.Parameters.AddWithValue("$origin", originHost);
            sources.Parameters.AddWithValue("$at", StoredText.Time(DateTimeOffset.UtcNow));
            sources.ExecuteNonQuery();
        }
        return new MergeSourceResult(source, version, added, present, inProgress, conflicts, casesAdded, samplesAdded, migratedFrom, null,
            refusedRuns, originHost);
    }

    /// <summary>Where the farm's copy of a run came from, for a conflict message.</summary>
    private static string? FarmCopyFrom(SqliteConnection c, SqliteTransaction tx, string runId)
    {
        using var cmd = Cmd(c, tx, "SELECT source, merged_at FROM main.run_sources WHERE run_id = $id");
        cmd.Parameters.AddWithValue("$id", runId);
        using var r = cmd.ExecuteReader();
        return r.Read() ? $"{r.GetString(0)}, merged {r.GetString(1)}" : null;
    }

    /// <summary>ATTACHes <paramref name="uri"/> as <c>src</c> until the result is disposed.</summary>
    internal static Attachment Attach(SqliteConnection connection, string uri)
    {
        using var attach = connection.CreateCommand();
        attach.CommandText = "ATTACH DATABASE $uri AS src";
        attach.Parameters.AddWithValue("$uri", uri);
        attach.ExecuteNonQuery();
        return new Attachment(connection);
    }

    /// <summary>Detaches the source when disposed.</summary>
    internal sealed class Attachment(SqliteConnection connection) : IDisposable
    {
        public void Dispose() => Execute(connection, null, "DETACH DATABASE src");
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
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static long Scalar(SqliteConnection c, SqliteTransaction tx, string sql, string id)
    {
        using var cmd = Cmd(c, tx, sql);
        cmd.Parameters.AddWithValue("$id", id);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
