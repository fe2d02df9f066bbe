using NUnit.Framework;
using System.Diagnostics;
using PerfLab.Harness.Farm;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Farm;

public sealed class DeviceLockTests
{
    [Test]
    public void A_held_device_cannot_be_taken_again_until_released()
    {
        using var temp = new TempDirectory();
        var locks = new DeviceLocks(temp.File("locks"));
        var first = locks.TryAcquire("hailo:0001:01:00.0", "test one");
        Assert.That(first, Is.Not.Null);
        Assert.That(locks.TryAcquire("hailo:0001:01:00.0", "test two"), Is.Null);
        Assert.That(locks.Holder("hailo:0001:01:00.0")!.Pid, Is.EqualTo(Environment.ProcessId));
        Assert.That(locks.Holder("hailo:0001:01:00.0")!.Purpose, Is.EqualTo("test one"));

        using (var other = locks.TryAcquire("hailo:0002:01:00.0", "another device")) Assert.That(other, Is.Not.Null);

        first!.Dispose();
        using var again = locks.TryAcquire("hailo:0001:01:00.0", "test three");
        Assert.That(again, Is.Not.Null);
    }

    [Test]
    public void Ids_differing_only_in_odd_characters_get_different_lock_files()
    {
        var locks = new DeviceLocks("/tmp/x");
        Assert.That(locks.LockFileFor("cuda:GPU 1"), Is.Not.EqualTo(locks.LockFileFor("cuda:GPU_1")));
        Assert.That(Path.GetFileName(locks.LockFileFor("hailo:0001:01:00.0")), Does.StartWith("hailo_0001_01_00.0-").And.EndWith(".lock"));
    }

    [Test]
    public async Task A_bounded_wait_gives_up_and_says_who_holds_the_device()
    {
        using var temp = new TempDirectory();
        var locks = new DeviceLocks(temp.File("locks"));
        using var held = locks.TryAcquire("host", "nightly");
        LockHolder? told = null;
        var lease = await locks.AcquireAsync("host", "second", TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(50), h => told = h, CancellationToken.None);
        Assert.That(lease, Is.Null);
        Assert.That(told!.Purpose, Is.EqualTo("nightly"));
    }

    [Test]
    public void The_lock_of_a_process_killed_with_SIGKILL_is_released_by_the_kernel()
    {
        using var temp = new TempDirectory();
        var locks = new DeviceLocks(temp.File("locks"));
        using (locks.TryAcquire("host", "create the file")) { }

        // util-linux flock(1) takes the same flock(2) lock .NET takes for FileShare.None; --close keeps the lock in flock itself, not in sleep.
        var start = new ProcessStartInfo("flock", ["--exclusive", "--close", locks.LockFileFor("host"), "sleep", "60"]) { UseShellExecute = false };
        using var holder = Process.Start(start)!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            DeviceLease? probe;
            while ((probe = locks.TryAcquire("host", "probe")) is not null && DateTime.UtcNow < deadline)
            {
                probe.Dispose();
                Thread.Sleep(20);
            }
            Assert.That(probe, Is.Null, "flock(1) never took the lock");
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }
        using var after = WaitFor(() => locks.TryAcquire("host", "after the kill"), TimeSpan.FromSeconds(10));
        Assert.That(after, Is.Not.Null);
    }

    private static DeviceLease? WaitFor(Func<DeviceLease?> take, TimeSpan max)
    {
        var deadline = DateTime.UtcNow + max;
        while (DateTime.UtcNow < deadline)
        {
            if (take() is { } lease) return lease;
            Thread.Sleep(50);
        }
        return null;
    }
}
