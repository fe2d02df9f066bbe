namespace PerfLab.Results.Schema;

/// <summary>Schema step 3: a database records where it was made (its origin), and a farm records where each merged run came from.</summary>
internal static class SchemaV3
{
    // origin: one row, written by the store when a process creates (or first upgrades) the file for itself, never by a
    // merge's migrated copy: it is the host a source speaks for (docs/farm.md, "Trust model").
    // run_sources: which file brought each merged run, so a later conflict can name both files.
    public const string Sql = """
        CREATE TABLE origin (
            id          INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            host        TEXT NOT NULL,
            database_id TEXT NOT NULL,
            created_at  TEXT NOT NULL,
            created_by  TEXT NOT NULL,
            how         TEXT NOT NULL CHECK (how IN ('created', 'upgraded'))
        ) STRICT;

        CREATE TABLE run_sources (
            run_id      TEXT NOT NULL PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
            source      TEXT NOT NULL,
            database_id TEXT,
            origin_host TEXT NOT NULL,
            merged_at   TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
        """;
}
