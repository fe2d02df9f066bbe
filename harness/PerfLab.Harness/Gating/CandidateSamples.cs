using PerfLab.Harness.Analysis;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;

namespace PerfLab.Harness.Gating;

/// <summary>The candidate build's samples of the series that confirming rounds re-measured, split into the first measurement's and
/// the confirming rounds' (by the runs' <see cref="ConfirmationTags"/>). Series no confirming run touched are absent: they are judged
/// on the build's pooled samples as always.</summary>
public sealed class CandidateSamples
{
    private readonly Dictionary<(string Key, string Metric, string Unit), Split> _confirmed;

    private CandidateSamples(Dictionary<(string, string, string), Split> confirmed) => _confirmed = confirmed;

    /// <summary>The split of every series the candidate's passed cases of runs that were not aborted hold (the same cases the
    /// history pools).</summary>
    public static CandidateSamples Of(IEnumerable<StoredRun> candidateRuns, ILookup<string, GateCase> casesByRun)
    {
        var all = new Dictionary<(string, string, string), (List<double> First, List<double> Confirming, HashSet<int> Rounds)>();
        foreach (var run in candidateRuns)
        {
            if (run.Status == RunStatus.Aborted) continue;
            var round = ConfirmationTags.RoundOf(run);
            foreach (var c in casesByRun[run.Id])
            {
                if (c.Status != CaseStatus.Passed) continue;
                foreach (var m in c.Metrics)
                {
                    var key = (c.ComparabilityKey, m.Metric, m.Unit);
                    if (!all.TryGetValue(key, out var s)) all[key] = s = ([], [], []);
                    if (round is { } r)
                    {
                        s.Confirming.AddRange(m.Samples);
                        s.Rounds.Add(r);
                    }
                    else s.First.AddRange(m.Samples);
                }
            }
        }
        return new CandidateSamples(all.Where(kv => kv.Value.Confirming.Count > 0).ToDictionary(kv => kv.Key, kv => new Split(kv.Value.Confirming,
            new GateConfirmation(kv.Value.Rounds.Count, kv.Value.First.Count, RobustScale.Median(kv.Value.First),
                kv.Value.Confirming.Count, RobustScale.Median(kv.Value.Confirming)))));
    }

    /// <summary>The split of one series, or null when no confirming round re-measured it.</summary>
    public Split? For(string comparabilityKey, string metric, string unit) => _confirmed.GetValueOrDefault((comparabilityKey, metric, unit));

    /// <summary>A confirmed series: the samples the verdict rests on, and both sides in brief.</summary>
    public sealed record Split(IReadOnlyList<double> Confirming, GateConfirmation Summary);
}
