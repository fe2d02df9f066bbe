using PerfLab.Harness.Domain;

namespace PerfLab.Cli.Demo;

/// <summary>The demo's reductions of the shipped suites, applied in memory and printed, so the demo fits in two minutes and
/// runs on the emulated farm. A reduced suite gets the version "&lt;version&gt;-demo": its results never share a comparability
/// key with the shipped suite's.</summary>
public static class DemoSuites
{
    /// <summary>Most measured repetitions per step (the gate's Mann–Whitney test needs 5 vs 5 to reach α = 0.01).</summary>
    public const int MaxRepetitions = 5;

    /// <summary>The suites the demo runs, reduced; <paramref name="notes"/> receives one line per change.</summary>
    public static IReadOnlyList<Suite> Reduce(IEnumerable<Suite> shipped, string standInCheckout, ICollection<string> notes)
    {
        var result = new List<Suite>();
        foreach (var suite in shipped)
        {
            if (!suite.Requires.Any(r => r.Labels.TryGetValue("family", out var f) && f.Any(v => v is "hailo" or "cuda")))
            {
                notes.Add($"{suite.Name}: not run (it measures the host, not the emulated farm)");
                continue;
            }
            var s = suite with
            {
                Version = suite.Version + "-demo",
                Defaults = suite.Defaults with
                {
                    Repetitions = Math.Min(suite.Defaults.Repetitions, MaxRepetitions),
                    WarmupRepetitions = Math.Min(suite.Defaults.WarmupRepetitions, 1),
                },
                // Emulated chips cool in wall-clock time: waiting for them would be the demo's whole budget.
                Thermal = suite.Thermal is null ? null : suite.Thermal with { CooldownTo = null },
                Steps = suite.Steps.Select(step => Step(step, standInCheckout, suite.Name, notes)).OfType<StepSpec>().ToList(),
            };
            if (suite.Thermal?.CooldownTo is not null) notes.Add($"{suite.Name}: no cool-down wait before cases");
            if (suite.Name == "cuda-decode-reference")
            {
                // The card's table is at 8192 tokens; the other context lengths add time, not insight, to a demo.
                s = s with { Matrix = suite.Matrix.Where(p => p.Values.GetValueOrDefault("tkv") == "8192").ToList() };
                notes.Add($"{suite.Name}: only the 8192-token matrix points ({s.Matrix.Count} of {suite.Matrix.Count})");
            }
            result.Add(s);
        }
        return result;
    }

    private static StepSpec? Step(StepSpec step, string standInCheckout, string suite, ICollection<string> notes)
    {
        if (step.Runner == "cuda.command-gate")
        {
            notes.Add($"{suite}: step '{step.Name}' left out (it runs {Describe(step)}, which the emulated farm does not provide)");
            return null;
        }
        var reps = step.Repetitions is { } r && r > MaxRepetitions ? MaxRepetitions : step.Repetitions;
        if (!step.With.Has("checkout")) return step with { Repetitions = reps };
        var entries = step.With.Entries.Select(e => e.Key == "checkout"
            ? e with { Value = new ArgScalar(standInCheckout, e.Value.Position) }
            : e).ToList();
        return step with { Repetitions = reps, With = step.With with { Entries = entries } };
    }

    private static string Describe(StepSpec step) =>
        step.With["command"] is ArgList list ? string.Join(" ", list.Items.OfType<ArgScalar>().Select(i => i.Value)) : step.Runner;
}
