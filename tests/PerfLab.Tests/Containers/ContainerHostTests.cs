using NUnit.Framework;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Containers;

[TestFixture]
[Category("Containers")]
[Category("Slow")]
public sealed class ContainerHostTests
{
    [Test]
    public async Task A_host_container_has_its_own_hostname_its_own_data_and_no_network()
    {
        using var data = new TempDirectory();
        await using var host = await AgentHost.StartAsync(new AgentHostSpec("pi-hailo8-01", data.Path, []));

        var name = await host.ShellAsync("cat /proc/sys/kernel/hostname");
        Assert.That(name.Code, Is.EqualTo(0), name.Output);
        Assert.That(name.Output.Trim(), Is.EqualTo("pi-hailo8-01"));

        var nets = await host.ShellAsync("ls /sys/class/net");
        Assert.That(nets.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "lo" }), "network mode none leaves only loopback");

        var write = await host.ShellAsync("echo written-inside > /data/marker && id -u");
        Assert.That(write.Code, Is.EqualTo(0), write.Output);
        Assert.That(File.ReadAllText(data.File("marker")).Trim(), Is.EqualTo("written-inside"));

        var pid1 = await host.ShellAsync("cat /proc/1/comm");
        Assert.That(pid1.Output.Trim(), Is.EqualTo("sleep"), "the container has its own PID namespace");
    }
}
