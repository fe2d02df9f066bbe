using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;

namespace PerfLab.Results;

/// <summary>Crash recovery: runs left running by an agent process that is gone are marked aborted.</summary>
internal static class AbandonedRunRecovery
{
    /// <summary>Marks aborted, inside <paramref name="tx"/>, every run of <paramref name="hostName"/> still running whose agent
    /// process is gone; returns their ids.</summary>
    public static IReadOnlyList<string> MarkAborted(SqliteTransaction tx, string hostName)
    {
        var candidates = new List<(string Id, long? Pid, string? Token)>();
        using (var find = Command(tx, "SELECT id, agent_pid, agent_process_start FROM runs WHERE agent_host = $h AND status = $running"))
        {
            find.Parameters.AddWithValue("$h", hostName);
            find.Parameters.AddWithValue("$running", (long)RunStatus.Running);
            using var r = find.ExecuteReader();
            while (r.Read())
                candidates.Add((r.GetString(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2)));
        }

        var aborted = new List<string>();
        using var mark = Command(tx, """
            UPDATE runs SET status = $aborted,
                ended_at = coalesce((SELECT max(ended_at) FROM cases WHERE run_id = runs.id), started_at)
            WHERE id = $id
            """);
        var idParam = mark.Parameters.AddWithValue("$id", "");
        mark.Parameters.AddWithValue("$aborted", (long)RunStatus.Aborted);
        foreach (var (id, pid, token) in candidates)
        {
            if (!IsAbandoned(pid, token)) continue;
            idParam.Value = id;
            mark.ExecuteNonQuery();
            aborted.Add(id);
        }
        return aborted;
    }

    private static bool IsAbandoned(long? pid, string? token)
    {
        if (pid is not { } p || p <= 0 || p > int.MaxValue) return true;
        var now = ProcessStartToken.Read((int)p);
        if (now is null) return true;
        return token is not null && now != token;
    }

    private static SqliteCommand Command(SqliteTransaction tx, string sql)
    {
        var cmd = tx.Connection!.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }
}
