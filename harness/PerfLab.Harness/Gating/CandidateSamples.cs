using PerfLab.Harness.Analysis;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;

namespace PerfLab.Harness.Gating;

/// <summary>The candidate build's samples of the series that confirming rounds re-measured, split into the first measurement's and
/// the confirming rounds' (by the runs' <see cref="ConfirmationTags"/>). Series no confirming run touched are absent: they are judged
/// on the build's pooled samples as always.</summary>
public sealed class CandidateSamples
{
    private readonly Dictionary<SeriesKey, Split> _confirmed;

    private CandidateSamples(Dictionary<SeriesKey, Split> confirmed) => _confirmed = confirmed;

    /// <summary>The split of every series the candidate's passed cases of runs that were not aborted hold (the same cases the
    /// history pools).</summary>
    public static CandidateSamples Of(IEnumerable<StoredRun> candidateRuns, ILookup<string, GateCase> casesByRun)
    {
        var all = new Dictionary<SeriesKey, Samples>();
        foreach (var run in candidateRuns)
        {
            if (run.Status == RunStatus.Aborted) continue;
            var round = ConfirmationTags.RoundOf(run);
            foreach (var c in casesByRun[run.Id])
            {
                if (c.Status != CaseStatus.Passed) continue;
                foreach (var m in c.Metrics)
                {
                    var key = new SeriesKey(c.ComparabilityKey, m.Metric, m.Unit);
                    if (!all.TryGetValue(key, out var s)) all[key] = s = new Samples();
                    if (round is { } r)
                    {
                        s.Confirming.AddRange(m.Samples);
                        s.Rounds.Add(r);
                    }
                    else s.First.AddRange(m.Samples);
                }
            }
        }
        var confirmed = new Dictionary<SeriesKey, Split>();
        foreach (var (key, s) in all)
        {
            if (s.Confirming.Count == 0) continue;
            confirmed[key] = new Split(s.Confirming, new GateConfirmation(s.Rounds.Count, s.First.Count, RobustScale.Median(s.First),
                s.Confirming.Count, RobustScale.Median(s.Confirming)));
        }
        return new CandidateSamples(confirmed);
    }

    /// <summary>One series' samples while they are gathered: the first measurement's, the confirming rounds' and which rounds.</summary>
    private sealed class Samples
    {
        public List<double> First { get; } = [];
        public List<double> Confirming { get; } = [];
        public HashSet<int> Rounds { get; } = [];
    }

    /// <summary>The split of one series, or null when no confirming round re-measured it.</summary>
    public Split? For(string comparabilityKey, string metric, string unit) => _confirmed.GetValueOrDefault(new SeriesKey(comparabilityKey, metric, unit));

    /// <summary>A confirmed series: the samples the verdict rests on, and both sides in brief.</summary>
    public sealed record Split(IReadOnlyList<double> Confirming, GateConfirmation Summary);
}
