using NUnit.Framework;

namespace PerfLab.Tests.Containers;

/// <summary>Once per test run, for every container test: the engine found or started and the host image imported.</summary>
[SetUpFixture]
public sealed class ContainerSession
{
    private ContainerEngine? _engine;

    /// <summary>Finds or starts the engine and imports the image (ignores the category where no engine can exist).</summary>
    [OneTimeSetUp]
    public void Start() => _engine = ContainerEngine.FindOrStart();

    /// <summary>Removes leftover containers and stops a dockerd this started.</summary>
    [OneTimeTearDown]
    public void Stop() => _engine?.Dispose();
}
