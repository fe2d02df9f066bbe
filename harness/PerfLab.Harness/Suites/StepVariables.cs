using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Suites;

/// <summary>The <c>${name}</c> variables a step's <c>with:</c> may use: matrix axes, <c>suite_dir</c>, <c>device.*</c>.</summary>
internal sealed class StepVariables(IReadOnlyList<string> axes)
{
    public const string SuiteDir = "suite_dir";
    public const string DevicePrefix = "device.";

    public bool IsDefined(string name) =>
        axes.Contains(name) || name == SuiteDir || (name.StartsWith(DevicePrefix, StringComparison.Ordinal) && name.Length > DevicePrefix.Length);

    /// <summary>Reports every reference in <paramref name="args"/> that names no variable.</summary>
    public void Check(ArgNode args, string context, SuiteDiagnostics diagnostics)
    {
        foreach (var (name, position) in args.References())
        {
            if (IsDefined(name)) continue;
            var closest = KeySuggestion.Closest(name, [.. axes, SuiteDir]);
            var hint = closest is null ? "" : $"; did you mean '${{{closest}}}'?";
            var known = axes.Count == 0 ? "" : $"the matrix axes ({string.Join(", ", axes)}), ";
            diagnostics.Add(position, $"undefined variable '${{{name}}}' in {context}{hint} (variables are {known}{SuiteDir} and device.<label>)");
        }
    }
}
