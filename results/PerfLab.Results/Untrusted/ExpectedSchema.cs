using Microsoft.Data.Sqlite;
using PerfLab.Results.Schema;

namespace PerfLab.Results.Untrusted;

/// <summary>The exact schema objects (tables, indexes and their SQL) a PerfLab database of each version has, built by running
/// the shipped migrations in memory; a file is read only when its schema is exactly that: no view, no trigger, no extra or
/// altered table, column or index.</summary>
/// <remarks>SQLite keeps each object's CREATE statement as written, so a file made by the migrations matches them text for
/// text; anything else (a planted trigger, <c>runs</c> replaced by a view, a column added) shows as a difference before any
/// query touches the data. SQLite's own statistics tables (from a manual ANALYZE) are tolerated.</remarks>
internal static class ExpectedSchema
{
    private static readonly Lazy<IReadOnlyList<IReadOnlyList<SchemaObject>>> ByVersion = new(Build);

    // What `ANALYZE` adds (https://sqlite.org/fileformat2.html#stat1tab); harmless to read past.
    private static readonly SchemaObject[] Statistics =
    [
        new("table", "sqlite_stat1", "sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
        new("table", "sqlite_stat4", "sqlite_stat4", "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)"),
    ];

    /// <summary>Null when the objects of schema <paramref name="schemaName"/> ("main", "src") are exactly those of
    /// <paramref name="version"/>; else the first difference, in words.</summary>
    public static string? Difference(SqliteConnection connection, string schemaName, int version)
    {
        if (version < 1 || version > SchemaMigrations.LatestVersion) return $"schema version {version} is not one this PerfLab build knows";
        var expected = ByVersion.Value[version - 1].ToDictionary(o => (o.Type, o.Name));
        var seen = new HashSet<(string, string)>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT type, name, tbl_name, sql FROM \"{schemaName}\".sqlite_schema";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var found = new SchemaObject(Text(r, 0), Text(r, 1), Text(r, 2), r.IsDBNull(3) ? null : Text(r, 3));
            seen.Add((found.Type, found.Name));
            if (expected.TryGetValue((found.Type, found.Name), out var want))
            {
                if (want != found) return $"{found.Type} '{found.Name}' is not as PerfLab creates it (schema version {version})";
                continue;
            }
            if (Statistics.Contains(found)) continue;
            return found.Type switch
            {
                "view" => $"it has a view '{found.Name}' (a PerfLab database has none)",
                "trigger" => $"it has a trigger '{found.Name}' on '{found.TableName}' (a PerfLab database has none)",
                _ => $"it has an extra {found.Type} '{found.Name}' that schema version {version} does not have",
            };
        }
        var missing = expected.Keys.FirstOrDefault(k => !seen.Contains(k));
        return missing == default ? null : $"{missing.Item1} '{missing.Item2}' of schema version {version} is missing";
    }

    private static string Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? "" : r.GetValue(i) as string ?? Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private static IReadOnlyList<IReadOnlyList<SchemaObject>> Build()
    {
        using var c = new SqliteConnection("Data Source=:memory:;Pooling=False");
        c.Open();
        var versions = new List<IReadOnlyList<SchemaObject>>();
        foreach (var step in SchemaMigrations.All)
        {
            using (var migrate = c.CreateCommand())
            {
                migrate.CommandText = step.Sql;
                migrate.ExecuteNonQuery();
            }
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_schema";
            using var r = cmd.ExecuteReader();
            var objects = new List<SchemaObject>();
            while (r.Read()) objects.Add(new SchemaObject(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
            versions.Add(objects);
        }
        return versions;
    }

    private sealed record SchemaObject(string Type, string Name, string TableName, string? Sql);
}
