using Microsoft.Data.Sqlite;
using NUnit.Framework;
using PerfLab.Tests.Farm;

namespace PerfLab.Tests.Containers;

/// <summary>What the container tests read of an agent's database on the machine, and the twice-over merge they check it with.</summary>
internal static class HostDatabase
{
    /// <summary>The first column of every row <paramref name="sql"/> returns, as invariant text; the file is opened read-only.</summary>
    public static string[] Column(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False;Mode=ReadOnly");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var values = new List<string>();
        while (r.Read()) values.Add(Convert.ToString(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return [.. values];
    }

    /// <summary>Merges <paramref name="db"/> into <paramref name="farm"/> twice, each with exit 0; the caller checks that nothing doubled.</summary>
    public static void MergeTwice(string workDirectory, string db, string farm, TimeSpan limit)
    {
        for (var i = 0; i < 2; i++)
        {
            var merge = PerflabProcess.Run(workDirectory, null, limit, "merge", db, "--into", farm);
            Assert.That(merge.Exit, Is.Zero, merge.Output);
        }
    }
}
