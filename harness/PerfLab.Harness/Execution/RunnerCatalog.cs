namespace PerfLab.Harness.Execution;

/// <summary>The step runners this build of PerfLab knows, by name.</summary>
public sealed class RunnerCatalog
{
    private readonly Dictionary<string, IStepRunner> _runners;

    public RunnerCatalog(IEnumerable<IStepRunner> runners)
    {
        _runners = new Dictionary<string, IStepRunner>(StringComparer.Ordinal);
        foreach (var r in runners)
        {
            if (!_runners.TryAdd(r.Name, r)) throw new ArgumentException($"two runners are named '{r.Name}'");
        }
    }

    public IEnumerable<string> Names => _runners.Keys.Order(StringComparer.Ordinal);

    public IEnumerable<IStepRunner> All => _runners.Values.OrderBy(r => r.Name, StringComparer.Ordinal);

    public IStepRunner? Find(string name) => _runners.GetValueOrDefault(name);
}
