using Microsoft.Data.Sqlite;
using NUnit.Framework;
using PerfLab.Results;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Results;

[TestFixture]
public sealed class StorageProblemTests
{
    [Test]
    public void A_full_disk_error_names_the_folder_and_its_free_space()
    {
        using var temp = new TempDirectory();
        var said = StorageProblem.Explain(new SqliteException("database or disk is full", 13), temp.File("agent.db"));
        Assert.That(said, Does.StartWith($"the disk holding {temp.Path} is full ("));
        Assert.That(said, Does.Contain("bytes free on"));
    }

    [Test]
    public void A_writable_folder_and_an_error_not_about_the_disk_say_nothing()
    {
        using var temp = new TempDirectory();
        Assert.That(StorageProblem.NotWritable(temp.Path), Is.Null);
        Assert.That(StorageProblem.Explain(new SqliteException("SQL logic error", 1), temp.File("agent.db")), Is.Null);
        Assert.That(StorageProblem.Explain(new SqliteException("unable to open database file", 14), temp.File("agent.db")), Is.Null, "the folder takes writes");
        Assert.That(Directory.GetFiles(temp.Path), Is.Empty, "the probe file is gone");
    }
}
