using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace PerfLab.Results.Merge;

/// <summary>Compares one run as stored in two attached databases, by content: ids local to a file (device and case row ids) are
/// replaced by what they stand for (device fingerprint, case order), so a run copied by a merge compares equal to its source.</summary>
internal static class RunContent
{
    private static readonly string[] RunColumns =
    [
        "suite", "suite_version", "suite_sha256", "scope", "build", "branch", "tags", "host", "device", "agent_version",
        "environment", "started_at", "ended_at", "status", "agent_pid", "agent_host", "agent_process_start",
    ];

    /// <summary>Null when the run is the same in <paramref name="a"/> and <paramref name="b"/> (schema names such as "main", "src"); else what differs.</summary>
    public static string? Difference(SqliteConnection connection, SqliteTransaction tx, string a, string b, string runId)
    {
        var rowA = RunRow(connection, tx, a, runId);
        var rowB = RunRow(connection, tx, b, runId);
        var columns = RunColumns.Where((_, i) => !Equals(rowA[i], rowB[i])).ToList();
        var parts = new List<string>();
        if (columns.Count > 0)
        {
            parts.Add("run " + string.Join(", ", columns.Select(c =>
                c is "tags" or "environment" ? c : $"{c} {Show(rowA[Array.IndexOf(RunColumns, c)])} vs {Show(rowB[Array.IndexOf(RunColumns, c)])}")));
        }
        var (casesA, hashA) = CasesDigest(connection, tx, a, runId);
        var (casesB, hashB) = CasesDigest(connection, tx, b, runId);
        if (casesA != casesB) parts.Add($"{casesA} vs {casesB} cases");
        else if (hashA != hashB) parts.Add("case content (samples, repetitions, checks, telemetry or artifacts) differs");
        if (Digest(connection, tx, $"SELECT metric, unit, better, budget_percent, gate_min, gate_max, description FROM {a}.run_metrics WHERE run_id = $id ORDER BY metric", runId)
            != Digest(connection, tx, $"SELECT metric, unit, better, budget_percent, gate_min, gate_max, description FROM {b}.run_metrics WHERE run_id = $id ORDER BY metric", runId))
            parts.Add("metric definitions differ");
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static object?[] RunRow(SqliteConnection connection, SqliteTransaction tx, string schema, string runId)
    {
        using var cmd = Command(connection, tx, $"""
            SELECT r.suite, r.suite_version, r.suite_sha256, r.scope, r.build, r.branch, r.tags, r.host, d.fingerprint, r.agent_version,
                   r.environment, r.started_at, r.ended_at, r.status, r.agent_pid, r.agent_host, r.agent_process_start
            FROM {schema}.runs r JOIN {schema}.devices d ON d.id = r.device WHERE r.id = $id
            """, runId);
        using var reader = cmd.ExecuteReader();
        if (!reader.Read()) throw new InvalidOperationException($"run '{runId}' vanished from {schema} during the merge");
        var row = new object?[RunColumns.Length];
        for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        return row;
    }

    private static (long Count, string Hash) CasesDigest(SqliteConnection connection, SqliteTransaction tx, string schema, string runId)
    {
        // Cases in recorded order, each followed by its rows; every child table is read in rowid order (the order it was written).
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long count = 0;
        using (var cases = Command(connection, tx, $"""
            SELECT c.id, c.name, c.parameters, d.fingerprint, c.comparability_key, c.key_parts, c.status, c.failure, c.failure_message,
                   c.started_at, c.ended_at, c.facts
            FROM {schema}.cases c JOIN {schema}.devices d ON d.id = c.device WHERE c.run_id = $id ORDER BY c.id
            """, runId))
        {
            using var r = cases.ExecuteReader();
            var ids = new List<long>();
            while (r.Read())
            {
                count++;
                ids.Add(r.GetInt64(0));
                AppendRow(hash, r, skip: 1);
            }
            r.Close();
            foreach (var id in ids)
            {
                foreach (var (table, columns) in ChildTables)
                {
                    hash.AppendData("|"u8);
                    hash.AppendData(Encoding.UTF8.GetBytes(table));
                    using var child = Command(connection, tx, $"SELECT {columns} FROM {schema}.{table} WHERE case_id = $id ORDER BY rowid", id);
                    using var cr = child.ExecuteReader();
                    while (cr.Read()) AppendRow(hash, cr, skip: 0);
                }
            }
        }
        return (count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static readonly (string Table, string Columns)[] ChildTables =
    [
        ("samples", "step, repetition, metric, value, unit"),
        ("repetitions", "step, repetition, warmup, wall_seconds, exit_code, failure"),
        ("checks", "name, passed, detail"),
        ("telemetry", "at, channel, value, unit, flag"),
        ("artifacts", "name, media_type, sha256, original_length, content, truncated"),
    ];

    private static string Digest(SqliteConnection connection, SqliteTransaction tx, string sql, string runId)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var cmd = Command(connection, tx, sql, runId);
        using var r = cmd.ExecuteReader();
        while (r.Read()) AppendRow(hash, r, skip: 0);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendRow(IncrementalHash hash, SqliteDataReader r, int skip)
    {
        for (var i = skip; i < r.FieldCount; i++)
        {
            // Type-tagged and length-prefixed, so NULL, 0, "0" and ("ab","c") vs ("a","bc") all differ.
            var bytes = r.IsDBNull(i) ? [] : r.GetValue(i) switch
            {
                byte[] blob => blob,
                double d => BitConverter.GetBytes(d),
                long l => BitConverter.GetBytes(l),
                var v => Encoding.UTF8.GetBytes(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            };
            var tag = r.IsDBNull(i) ? (byte)'n' : r.GetValue(i) switch { byte[] => (byte)'b', double => (byte)'d', long => (byte)'i', _ => (byte)'s' };
            hash.AppendData([tag]);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
        hash.AppendData("\n"u8);
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s when s.Length > 40 => "'" + s[..37] + "...'",
        string s => "'" + s + "'",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql, object id)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$id", id);
        return cmd;
    }
}
