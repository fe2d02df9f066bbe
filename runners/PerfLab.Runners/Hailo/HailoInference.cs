using System.Globalization;
using PerfLab.Harness.Domain;
using PerfLab.Runners.Hailo.Parsing;

namespace PerfLab.Runners.Hailo;

/// <summary>One inference pass through <c>run</c> (with <c>--csv</c>) or <c>run2</c> (with <c>-j</c>), its machine output
/// cross-checked against stdout.</summary>
internal static class HailoInference
{
    /// <summary>What to measure in one pass.</summary>
    public sealed record Pass(string Command, string Hef, int? Seconds, int? Frames, int? BatchSize,
        bool Temp, bool Power, bool Current, bool Latency, bool OverallLatency, string Label);

    public static string ChooseCommand(string requested, HailoTarget target) =>
        requested is "run" or "run2" ? requested : target.RunIsRefused ? "run2" : "run";

    public static async Task<(IReadOnlyList<Sample>? Samples, StepOutcome? Failure)> MeasureAsync(HailoSession s, HailoTarget target, Pass pass)
    {
        var result = await InvokeAsync(s, target, pass).ConfigureAwait(false);
        if (result.Failure is { } f && (pass.Power || pass.Current) && PowerUnsupported(result.Stderr))
        {
            // Boards without a power sensor refuse the flag; that is a property of the board, not a failed measurement.
            s.Checks.Add(new Check("power", true, "power: unsupported on this board (" + FirstErrorLine(result.Stderr) + ")"));
            s.Fact("power", "unsupported on this board");
            result = await InvokeAsync(s, target, pass with { Power = false, Current = false }).ConfigureAwait(false);
        }
        return result.Failure is { } failure ? (null, failure) : (result.Samples, null);
    }

    private static bool PowerUnsupported(string stderr) =>
        HailoErrorClassifier.Classify(6, stderr).PowerUnsupported;

    private static string FirstErrorLine(string stderr) =>
        HailoText.CleanLines(stderr).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";

    private sealed record Invocation(IReadOnlyList<Sample>? Samples, StepOutcome? Failure, string Stderr);

    private static async Task<Invocation> InvokeAsync(HailoSession s, HailoTarget target, Pass pass)
    {
        var machineFile = s.WorkFile(pass.Label + (pass.Command == "run2" ? ".json" : ".csv"));
        if (File.Exists(machineFile)) File.Delete(machineFile);
        var args = pass.Command == "run2" ? Run2Arguments(target, pass, machineFile) : RunArguments(target, pass, machineFile);
        var result = await s.CallAsync(pass.Label, args).ConfigureAwait(false);
        var what = "hailortcli " + pass.Command + (pass.Latency ? " (latency pass)" : "");
        if (s.FailureOf(result, what) is { } failure) return new Invocation(null, failure, result.Stderr.Text);

        var fromStdout = pass.Command == "run2" ? HailoRun2Parser.ParseStdout(result.Stdout.Text) : HailoRunParser.Parse(result.Stdout.Text);
        if (fromStdout.State != OutputState.Complete) return new Invocation(null, s.Unreadable(fromStdout, what), result.Stderr.Text);
        foreach (var (k, v) in fromStdout.Facts) s.Fact(k, v);

        HailoMeasurement? machine = null;
        if (File.Exists(machineFile))
        {
            var text = await File.ReadAllTextAsync(machineFile).ConfigureAwait(false);
            s.Artifacts.Add(ArtifactOf(pass.Label + Path.GetExtension(machineFile), text));
            machine = pass.Command == "run2" ? HailoRun2Parser.ParseJson(text) : HailoRunCsvParser.Parse(text);
            if (machine.State != OutputState.Complete)
                return new Invocation(null, s.Unreadable(machine, what + " machine output"), result.Stderr.Text);
        }
        var (samples, mismatch) = Reconcile(s, fromStdout, machine, pass.Command == "run2" ? "json" : "csv", pass.Label);
        return mismatch is null
            ? new Invocation(samples, null, result.Stderr.Text)
            : new Invocation(null, s.Fail(FailureClass.GarbageOutput, what + ": " + mismatch), result.Stderr.Text);
    }

    private static List<string> RunArguments(HailoTarget target, Pass pass, string csv)
    {
        var a = new List<string> { "run", pass.Hef };
        if (pass.Frames is { } n) a.AddRange(["-c", Text(n)]);
        else a.AddRange(["-t", Text(pass.Seconds ?? 5)]);
        if (pass.BatchSize is { } b) a.AddRange(["--batch-size", Text(b)]);
        if (pass.Latency) a.Add("--measure-latency");
        if (pass.Latency && pass.OverallLatency) a.Add("--measure-overall-latency");
        if (pass.Temp) a.Add("--measure-temp");
        if (pass.Power) a.Add("--measure-power");
        if (pass.Current) a.Add("--measure-current");
        a.AddRange(["--csv", csv]);
        a.AddRange(target.DeviceOptions);
        return a;
    }

    private static List<string> Run2Arguments(HailoTarget target, Pass pass, string json)
    {
        // Global options must come before set-net.
        var a = new List<string> { "run2", "-t", Text(pass.Seconds ?? 5) };
        if (pass.Latency) a.Add("--measure-latency");
        if (pass.Latency && pass.OverallLatency) a.Add("--measure-overall-latency");
        if (pass.Temp) a.Add("--measure-temp");
        if (pass.Power) a.Add("--measure-power");
        if (pass.Current) a.Add("--measure-current");
        a.AddRange(["-j", json]);
        a.AddRange(target.DeviceOptions);
        a.AddRange(["set-net", pass.Hef]);
        if (pass.BatchSize is { } b) a.AddRange(["--batch-size", Text(b)]);
        return a;
    }

    /// <summary>Takes the machine output's figures (full precision) and checks each against stdout's rounded print.</summary>
    internal static (IReadOnlyList<Sample> Samples, string? Mismatch) Reconcile(
        HailoSession s, HailoMeasurement stdout, HailoMeasurement? machine, string machineName, string label)
    {
        if (machine is null)
        {
            s.Checks.Add(new Check($"{label}: {machineName}", true, $"no {machineName} file was written; figures read from stdout"));
            return (stdout.Samples, null);
        }
        var merged = new List<Sample>(machine.Samples);
        var problems = new List<string>();
        var compared = 0;
        foreach (var printed in stdout.Samples)
        {
            var exact = machine.Find(printed.Metric);
            if (exact is null) { merged.Add(printed); continue; }
            compared++;
            if (exact.Unit != printed.Unit)
                problems.Add($"{printed.Metric}: stdout unit {printed.Unit}, {machineName} unit {exact.Unit}");
            else if (Math.Abs(exact.Value - printed.Value) > 0.0051 + 1e-5 * Math.Abs(exact.Value))
                problems.Add($"{printed.Metric}: stdout {Text(printed.Value)} vs {machineName} {Text(exact.Value)}");
        }
        var passed = problems.Count == 0;
        s.Checks.Add(new Check($"{label}: {machineName} matches stdout", passed,
            passed ? $"{compared} figures agree within print rounding" : string.Join("; ", problems)));
        return passed ? (merged, null) : (merged, $"{machineName} and stdout disagree: " + string.Join("; ", problems));
    }

    internal static Artifact ArtifactOf(string name, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return new Artifact(name, name.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/csv",
            bytes, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), bytes.LongLength);
    }

    internal static string Text(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    internal static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);
}
