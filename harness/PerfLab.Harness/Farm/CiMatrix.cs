using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Farm;

/// <summary>Plans the CI matrix of a farm: one job per (suite, runner), derived from the suites' device selectors.</summary>
public static class CiMatrix
{
    /// <summary>The jobs for <paramref name="suites"/>: without an inventory, one per (suite, job label) with the label as runner;
    /// with one, a job per (suite, inventory runner carrying that label), and the labels no runner carries are listed as uncovered.</summary>
    /// <param name="suiteFile">How a suite's file is named in the job (e.g. relative to the repository root).</param>
    public static CiMatrixPlan Plan(IEnumerable<Suite> suites, RunnerInventory? inventory = null, Func<Suite, string>? suiteFile = null)
    {
        suiteFile ??= s => s.SourcePath;
        var jobs = new List<CiJob>();
        var uncovered = new List<CiUncoveredLabel>();
        foreach (var suite in suites.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            foreach (var label in JobLabels(suite))
            {
                if (inventory is null)
                {
                    jobs.Add(new CiJob(suite.Name, suiteFile(suite), label, label));
                    continue;
                }
                var runners = inventory.Runners.Where(r => r.Labels.Contains(label, StringComparer.OrdinalIgnoreCase)).ToList();
                if (runners.Count == 0) uncovered.Add(new CiUncoveredLabel(suite.Name, label));
                jobs.AddRange(runners.Select(r => new CiJob(suite.Name, suiteFile(suite), r.Name, label)));
            }
        }
        return new CiMatrixPlan(jobs, uncovered);
    }

    /// <summary>The runner labels a suite needs: its selectors, narrowed by matrix points that pin a discriminating label
    /// (a suite for every Hailo device whose points pin arch needs one job per arch, else only one Hailo host would run it).</summary>
    public static IReadOnlyList<string> JobLabels(Suite suite)
    {
        IReadOnlyList<DeviceSelector?> selectors = suite.Requires.Count == 0 ? [null] : suite.Requires.Cast<DeviceSelector?>().ToList();
        var labels = new List<string>();
        foreach (var selector in selectors)
        {
            var pointSelectors = suite.Matrix.Select(p => p.Requires).ToList();
            if (pointSelectors.Count == 0 || pointSelectors.Any(p => p is null))
            {
                labels.AddRange(CiLabels.ForSelector(selector));
                if (pointSelectors.All(p => p is null)) continue;
            }
            foreach (var point in pointSelectors.OfType<DeviceSelector>())
            {
                if (Combine(selector, point) is { } combined) labels.AddRange(CiLabels.ForSelector(combined));
            }
        }
        return labels.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The selector matching what both match; null when no device can match both.</summary>
    public static DeviceSelector? Combine(DeviceSelector? outer, DeviceSelector inner)
    {
        if (outer is null) return inner;
        var labels = new Dictionary<string, IReadOnlyList<string>>(outer.Labels, StringComparer.Ordinal);
        foreach (var (key, values) in inner.Labels)
        {
            if (!labels.TryGetValue(key, out var existing))
            {
                labels[key] = values;
                continue;
            }
            var both = existing.Where(e => values.Contains(e, StringComparer.OrdinalIgnoreCase)).ToList();
            if (both.Count == 0) return null;
            labels[key] = both;
        }
        return new DeviceSelector(labels);
    }
}

/// <summary>One CI job: run <see cref="Suite"/> (file <see cref="SuiteFile"/>) on a runner labelled <see cref="Runner"/>,
/// on the devices that carry <see cref="Label"/>.</summary>
public sealed record CiJob(string Suite, string SuiteFile, string Runner, string Label);

/// <summary>A job label no runner of the inventory carries: that suite will not run there until a runner gets the label.</summary>
public sealed record CiUncoveredLabel(string Suite, string Label);

/// <summary>The planned jobs and the labels left uncovered.</summary>
public sealed record CiMatrixPlan(IReadOnlyList<CiJob> Jobs, IReadOnlyList<CiUncoveredLabel> Uncovered);
