using PerfLab.Cli.Console;
using PerfLab.Harness.Text;

namespace PerfLab.Cli.Commands;

/// <summary>Wraps a verb's work so user errors print one clear line and exit 2, a failed disk (full, read-only) exits 1 like a
/// failed run, and an interruption exits 130.</summary>
internal static class CliAction
{
    public static async Task<int> RunAsync(Func<Task<int>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            System.Console.Error.WriteLine($"perflab: {PrintableText.Escape(e.Message)}");
            return ExitCodes.InvalidInput;
        }
        catch (PerfLab.Harness.Gating.GateInputException e)
        {
            System.Console.Error.WriteLine($"perflab: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            // The "interrupted" line is printed once, by PerfLabCommandLine, whatever the verb was doing.
            return ExitCodes.Interrupted;
        }
        catch (PerfLab.Results.ResultStoreException e) when (e.IsStorageFault)
        {
            System.Console.Error.WriteLine($"perflab: {PrintableText.Escape(e.Message)}");
            return ExitCodes.Failed;
        }
        catch (PerfLab.Results.ResultStoreException e)
        {
            System.Console.Error.WriteLine($"perflab: {PrintableText.Escape(e.Message)}");
            return ExitCodes.InvalidInput;
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            System.Console.Error.WriteLine($"perflab: database error: {PrintableText.Escape(e.Message)}");
            return ExitCodes.InvalidInput;
        }
    }

    public static FileInfo ExistingDatabase(FileInfo db) =>
        db.Exists ? db : throw new UsageException($"{db.FullName}: no such database (run 'perflab run ... --db {db.Name}' first)");
}
