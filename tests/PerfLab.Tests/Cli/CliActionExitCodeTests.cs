using NUnit.Framework;
using PerfLab.Cli;
using PerfLab.Cli.Commands;
using PerfLab.Results;

namespace PerfLab.Tests.Cli;

/// <summary>What a verb's failure means to CI: a usage or input error (2) against a failed disk (1), which the container
/// tests reach for real with a full tmpfs and a read-only mount.</summary>
[TestFixture]
public sealed class CliActionExitCodeTests
{
    private static int ExitOf(Exception thrown)
    {
        var error = Console.Error;
        try
        {
            Console.SetError(TextWriter.Null);
            return CliAction.RunAsync(() => Task.FromException<int>(thrown)).GetAwaiter().GetResult();
        }
        finally
        {
            Console.SetError(error);
        }
    }

    [Test]
    public void A_full_or_read_only_disk_exits_as_a_failed_run_and_a_bad_database_as_invalid_input()
    {
        Assert.That(ExitOf(new ResultStoreException("agent.db: the disk holding /data is full") { IsStorageFault = true }), Is.EqualTo(ExitCodes.Failed));
        Assert.That(ExitOf(new ResultStoreException("agent.db: written by a newer PerfLab")), Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(ExitOf(new UsageException("no such suite")), Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(ExitOf(new OperationCanceledException()), Is.EqualTo(ExitCodes.Interrupted));
    }
}
