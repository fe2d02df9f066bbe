using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace PerfLab.Tests.Containers;

/// <summary>What one farm host container gets: its hostname, its /data (a host folder, or a small tmpfs), extra binds and environment.</summary>
/// <param name="DataDirectory">Host folder bind-mounted at /data; null with <paramref name="DataTmpfsBytes"/>.</param>
/// <param name="DataReadOnly">Mount /data read-only (a remounted SD card).</param>
/// <param name="DataTmpfsBytes">Put /data on a tmpfs of this size instead of a host folder (a small, filling disk).</param>
/// <param name="MemoryBytes">The host's memory limit (its cgroup): past it the kernel's OOM killer picks a process.</param>
internal sealed record AgentHostSpec(
    string Hostname,
    string? DataDirectory,
    IReadOnlyList<(string Host, string Container, bool ReadOnly)> Binds,
    IReadOnlyDictionary<string, string>? Environment = null,
    bool DataReadOnly = false,
    long? DataTmpfsBytes = null,
    long? MemoryBytes = null);

/// <summary>One running container standing in for a farm host (started through Testcontainers): its own hostname, PID
/// namespace and /data, network mode none, the host's /usr and /etc read-only, the built perflab at /opt/perflab.</summary>
internal sealed class AgentHost : IAsyncDisposable
{
    private readonly IContainer _container;

    private AgentHost(IContainer container, AgentHostSpec spec)
    {
        _container = container;
        Spec = spec;
        Id = container.Id;
    }

    /// <summary>What the host was started with.</summary>
    public AgentHostSpec Spec { get; }

    /// <summary>The container id.</summary>
    public string Id { get; }

    /// <summary>The container's hostname.</summary>
    public string Hostname => Spec.Hostname;

    /// <summary>The host folder bind-mounted at /data (null for a tmpfs /data).</summary>
    public string? DataDirectory => Spec.DataDirectory;

    /// <summary>The perflab build beside the tests, bind-mounted read-only at /opt/perflab.</summary>
    public static (string, string, bool) Perflab => (AppContext.BaseDirectory, "/opt/perflab", true);

    /// <summary>Starts a host container that idles until commands are exec'd in it.</summary>
    public static async Task<AgentHost> StartAsync(AgentHostSpec spec)
    {
        var builder = new ContainerBuilder(ContainerEngine.Image)
            .WithImagePullPolicy(_ => false) // built locally; nothing can be pulled here
            .WithHostname(spec.Hostname)
            .WithLabel(ContainerEngine.Label, "true")
            .WithCreateParameterModifier(p =>
            {
                p.HostConfig!.NetworkMode = "none";
                if (spec.DataTmpfsBytes is { } bytes)
                    p.HostConfig.Tmpfs = new Dictionary<string, string> { ["/data"] = $"rw,size={bytes}" };
                if (spec.MemoryBytes is { } memory) p.HostConfig.Memory = memory;
            })
            .WithBindMount("/usr", "/usr", AccessMode.ReadOnly)
            .WithBindMount("/etc", "/etc", AccessMode.ReadOnly)
            .WithEntrypoint("/usr/bin/sleep")
            .WithCommand("infinity");
        if (spec.DataDirectory is not null)
            builder = builder.WithBindMount(spec.DataDirectory, "/data", spec.DataReadOnly ? AccessMode.ReadOnly : AccessMode.ReadWrite);
        foreach (var (h, c, ro) in spec.Binds) builder = builder.WithBindMount(h, c, ro ? AccessMode.ReadOnly : AccessMode.ReadWrite);
        foreach (var (k, v) in spec.Environment ?? new Dictionary<string, string>()) builder = builder.WithEnvironment(k, v);
        var container = builder.Build();
        try
        {
            await container.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new AgentHost(container, spec);
    }

    /// <summary>Starts several hosts at once (each start is mostly waiting on the engine).</summary>
    public static async Task<IReadOnlyList<AgentHost>> StartAllAsync(IEnumerable<AgentHostSpec> specs)
    {
        var starts = specs.Select(StartAsync).ToList();
        try
        {
            return await Task.WhenAll(starts).ConfigureAwait(false);
        }
        catch
        {
            foreach (var s in starts.Where(s => s.IsCompletedSuccessfully)) await s.Result.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs a command inside the container through the engine's exec API, returning exit code and combined output;
    /// 124 when it outlives <paramref name="timeout"/>, -1 when the container went away under it.</summary>
    public async Task<(int Code, string Output)> ExecAsync(IList<string> command, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            var r = await _container.ExecAsync(command, cts.Token).ConfigureAwait(false);
            return ((int)(r.ExitCode ?? -1), r.Stdout + r.Stderr);
        }
        catch (OperationCanceledException)
        {
            return (124, $"{string.Join(' ', command)} still running after {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s");
        }
        catch (Exception e) when (e is Docker.DotNet.DockerApiException or IOException or InvalidOperationException)
        {
            return (-1, $"{string.Join(' ', command)}: the host went away ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>Runs a shell command inside the container.</summary>
    public Task<(int Code, string Output)> ShellAsync(string shellCommand, TimeSpan? timeout = null) =>
        ExecAsync(["/bin/sh", "-c", shellCommand], timeout);

    /// <summary>Runs the built perflab inside the container with CI=true, its own TMPDIR and the host's environment.</summary>
    public Task<(int Code, string Output)> PerflabAsync(TimeSpan timeout, params string[] args) =>
        ExecAsync(["/usr/bin/env", "CI=true", "TMPDIR=/tmp", "/opt/perflab/perflab", .. args], timeout);

    /// <summary>Pauses every process of the host (a hung host: it holds what it held, and answers nothing).</summary>
    public Task PauseAsync() => _container.PauseAsync();

    /// <summary>Whole-host power loss: SIGKILL to the container's init, so every process in it dies at once.</summary>
    public void PowerOff() => ContainerEngine.MustDocker("kill", Id);

    /// <summary>Removes the container, whatever its state.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _container.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            // A paused or killed container can make the library's stop step fail; make sure it is gone.
            ContainerEngine.Docker(TimeSpan.FromSeconds(60), "rm", "-f", Id);
        }
    }
}
