using PerfLab.Harness.Domain;
using PerfLab.Harness.Statistics;

namespace PerfLab.Reports.Evidence;

/// <summary>Turns judged cases into claims and excluded results. Pure: one claim per case × metric, so a claim never mixes
/// comparability keys or scopes; metric order is the order the steps produced them.</summary>
public static class EvidenceBuilder
{
    public static EvidenceSet Build(IEnumerable<EvidenceCase> cases)
    {
        var claims = new List<Claim>();
        var excluded = new List<ExcludedResult>();
        foreach (var c in cases)
        {
            var exclusions = ExclusionRules.Evaluate(c);
            var emulatedOnly = ExclusionRules.OnlyEmulated(exclusions);
            if (exclusions.Count > 0 && !emulatedOnly)
            {
                excluded.Add(new ExcludedResult(c.Run.Suite, c.Result.Name, c.DeviceName, exclusions, c.Run.Id, c.Run.Build));
                continue;
            }
            var scope = emulatedOnly ? EvidenceScope.Emulated : c.Run.Scope;
            var rule = ScopeRules.For(scope == EvidenceScope.Emulated ? c.Run.Scope : scope);
            var wording = ScopeRules.For(scope);
            foreach (var metric in c.Result.Samples.GroupBy(s => s.Metric, StringComparer.Ordinal))
            {
                if (!rule.AllowsMetric(metric.Key)) continue;
                if (SampleSummary.Of(metric.Select(s => s.Value)) is not { } summary) continue;
                var unit = metric.First().Unit;
                claims.Add(new Claim(wording.Sentence(c.Result.Name, c.DeviceName, metric.Key, summary, unit),
                    c.Run.Suite, c.Result.Name, c.DeviceName, metric.Key, summary, unit, scope,
                    c.Result.ComparabilityKey, c.Result.KeyParts, [c.Run.Id], c.Run.Build));
            }
        }
        return new EvidenceSet(claims, excluded);
    }
}

/// <summary>The claims and the excluded results drawn from a set of cases.</summary>
public sealed record EvidenceSet(IReadOnlyList<Claim> Claims, IReadOnlyList<ExcludedResult> Excluded)
{
    public bool AnyEmulated => Claims.Any(c => c.Scope == EvidenceScope.Emulated)
                               || Excluded.Any(e => e.Reasons.Any(r => r.Reason == ExclusionReason.Emulated));
}
