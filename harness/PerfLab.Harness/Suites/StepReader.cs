using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;

namespace PerfLab.Harness.Suites;

/// <summary>Reads <c>steps:</c>, checks each step's runner and variables, and lets the runner validate its arguments.</summary>
internal static partial class StepReader
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex Name();

    public static IReadOnlyList<StepSpec> Read(SourceNode? node, RunnerCatalog catalog, IReadOnlyList<string> declaredMetrics,
        StepVariables variables, SuiteDiagnostics diagnostics)
    {
        var steps = new List<StepSpec>();
        if (node is null) return steps;
        if (node is not SourceList list)
        {
            diagnostics.Add(node.Position, $"'steps' must be a list of steps, got {node.KindText}");
            return steps;
        }
        if (list.Items.Count == 0) diagnostics.Add(list.Position, "'steps' must list at least one step");
        var seen = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        for (var i = 0; i < list.Items.Count; i++)
        {
            var context = $"steps[{i}]";
            var r = MapReader.For(list.Items[i], context, diagnostics);
            if (r is null) continue;
            var name = r.Scalar("name", required: true);
            var runnerName = r.Scalar("runner", required: true);
            var with = ReadWith(r);
            var repetitions = r.Integer("repetitions", min: 1);
            var warmup = r.Integer("warmup", min: 0);
            var timeout = r.Duration("timeout");
            var once = r.Bool("once") ?? false;
            var extract = ExtractReader.Read(r.Node("extract"), r.PathOf("extract"), declaredMetrics, diagnostics);
            r.RejectUnknownKeys();

            if (name is not null)
            {
                if (!Name().IsMatch(name.Value))
                {
                    diagnostics.Add(name.Position, $"step name '{name.Value}' must start with a letter or digit and hold only letters, digits, '_', '.' and '-'");
                }
                else if (!seen.TryAdd(name.Value, name.Position))
                {
                    diagnostics.Add(name.Position, $"duplicate step name '{name.Value}' (first at {seen[name.Value]})");
                }
            }
            if (once)
            {
                foreach (var key in new[] { "repetitions", "warmup" }.Where(k => r.KeyPosition(k) is not null))
                {
                    diagnostics.Add(r.KeyPosition(key)!.Value, $"'{r.PathOf(key)}' conflicts with 'once: true' (a once step runs exactly once, without warm-up)");
                }
            }
            if (with is null) continue;
            variables.Check(with, r.PathOf("with"), diagnostics);

            var step = new StepSpec(name?.Value ?? "", runnerName?.Value ?? "", with, extract, repetitions, warmup, timeout, once, r.Position);
            if (runnerName is not null) ValidateWithRunner(step, runnerName, catalog, diagnostics);
            steps.Add(step);
        }
        return steps;
    }

    private static ArgMap? ReadWith(MapReader r)
    {
        var node = r.Node("with");
        if (node is null) return new ArgMap([], r.Position);
        if (node is SourceMap map) return (ArgMap)ToArg(map);
        r.Diagnostics.Add(node.Position, $"'{r.PathOf("with")}' must be a map of runner arguments, got {node.KindText}");
        return null;
    }

    private static ArgNode ToArg(SourceNode node) => node switch
    {
        SourceScalar s => new ArgScalar(s.Value, s.Position),
        SourceList l => new ArgList(l.Items.Select(ToArg).ToList(), l.Position),
        SourceMap m => new ArgMap(m.Entries.Select(e => new ArgEntry(e.Key, e.KeyPosition, ToArg(e.Value))).ToList(), m.Position),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name),
    };

    private static void ValidateWithRunner(StepSpec step, SourceScalar runnerName, RunnerCatalog catalog, SuiteDiagnostics diagnostics)
    {
        var runner = catalog.Find(runnerName.Value);
        if (runner is null)
        {
            diagnostics.Add(runnerName.Position, $"unknown runner '{runnerName.Value}'{KeySuggestion.Hint(runnerName.Value, catalog.Names.ToList())}");
            return;
        }
        IReadOnlyList<ArgProblem> problems;
        try
        {
            problems = runner.Validate(step);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A runner bug must not hide the suite's other problems; it is reported at the step.
            diagnostics.Add(step.Position, $"runner '{runner.Name}' failed while validating this step: {ex.GetType().Name}: {ex.Message}");
            return;
        }
        foreach (var p in problems)
        {
            diagnostics.Add(p.Position == SourcePosition.Unknown ? step.Position : p.Position, $"runner '{runner.Name}': {p.Message}");
        }
    }
}
