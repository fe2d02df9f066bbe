namespace PerfLab.Tests.Containers;

/// <summary>One running container standing in for a farm host: its own hostname and /data, no network, the host's /usr and /etc read-only.</summary>
internal sealed class AgentHost : IDisposable
{
    private AgentHost(string id, string hostname, string dataDirectory)
    {
        Id = id;
        Hostname = hostname;
        DataDirectory = dataDirectory;
    }

    /// <summary>The container id.</summary>
    public string Id { get; }

    /// <summary>The container's hostname.</summary>
    public string Hostname { get; }

    /// <summary>The host folder bind-mounted at /data.</summary>
    public string DataDirectory { get; }

    /// <summary>Starts a host container that idles until commands are exec'd in it; extra binds are (hostPath, containerPath, readOnly).</summary>
    public static AgentHost Start(string hostname, string dataDirectory, params (string Host, string Container, bool ReadOnly)[] binds)
    {
        var args = new List<string> { "run", "-d", "--network", "none", "--hostname", hostname,
            "-v", "/usr:/usr:ro", "-v", "/etc:/etc:ro", "-v", $"{dataDirectory}:/data" };
        foreach (var (h, c, ro) in binds) args.AddRange(["-v", $"{h}:{c}{(ro ? ":ro" : "")}"]);
        args.AddRange([ContainerEngine.Image, "/usr/bin/sleep", "infinity"]);
        var id = ContainerEngine.MustDocker([.. args]).Trim();
        return new AgentHost(id, hostname, dataDirectory);
    }

    /// <summary>Runs a shell command inside the container, returning exit code and combined output.</summary>
    public (int Code, string Output) Exec(string shellCommand, TimeSpan? timeout = null) =>
        ContainerEngine.Docker(timeout ?? TimeSpan.FromSeconds(60), "exec", Id, "/bin/sh", "-c", shellCommand);

    /// <summary>Runs the built perflab (mounted at /opt/perflab) inside the container with CI=true and its own TMPDIR.</summary>
    public (int Code, string Output) Perflab(TimeSpan timeout, params string[] args) =>
        ContainerEngine.Docker(timeout, ["exec", "-e", "CI=true", "-e", "TMPDIR=/tmp", Id, "/opt/perflab/perflab", .. args]);

    /// <summary>Removes the container, whatever its state.</summary>
    public void Dispose() => ContainerEngine.Docker(TimeSpan.FromSeconds(60), "rm", "-f", Id);
}
