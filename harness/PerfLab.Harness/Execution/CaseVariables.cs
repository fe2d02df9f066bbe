using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Execution;

/// <summary>The <c>${name}</c> values a case substitutes into its steps: matrix axes, the suite folder and the device.</summary>
public static class CaseVariables
{
    public static IReadOnlyDictionary<string, string> For(PlannedCase plannedCase)
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["suite_dir"] = Path.GetDirectoryName(Path.GetFullPath(plannedCase.Suite.SourcePath)) ?? ".",
            ["device.id"] = plannedCase.Device.Id,
            ["device.family"] = plannedCase.Device.Family,
            ["device.model"] = plannedCase.Device.Model,
        };
        foreach (var (k, v) in plannedCase.Device.Labels) vars.TryAdd("device." + k, v);
        foreach (var (k, v) in plannedCase.Device.Properties) vars.TryAdd("device." + k, v);
        foreach (var (k, v) in plannedCase.Point.Values) vars[k] = v;
        return vars;
    }

    /// <summary>The step with every reference in its arguments replaced.</summary>
    public static StepSpec Substitute(StepSpec step, IReadOnlyDictionary<string, string> variables) =>
        step with { With = (ArgMap)step.With.Substitute(variables) };
}
