using PerfLab.Results;

namespace PerfLab.Cli.Commands;

/// <summary>How read verbs (runs, report, detect, compare, gate) open their <c>--db</c>: read-only, as an untrusted file
/// (SQLite's defences, PerfLab's exact schema, no recovery or migration), each stored row that cannot be used reported on
/// stderr as a warning, escaped, while the verb goes on without it.</summary>
internal static class ReadDatabase
{
    public static SqliteResultStore Open(FileInfo db, CancellationToken cancellation = default) =>
        SqliteResultStore.OpenReadOnly(CliAction.ExistingDatabase(db).FullName,
            problem => System.Console.Error.WriteLine($"perflab: warning: {problem}"), cancellation);
}
