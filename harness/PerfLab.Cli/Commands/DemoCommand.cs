using System.CommandLine;
using System.Globalization;
using PerfLab.Cli.Demo;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab demo</c>: the whole pipeline on the emulated farm — 14 nightly builds, a gate, every report.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the demo database and reports.", DefaultValueFactory = _ => new DirectoryInfo("perflab-demo") };
        var suites = new Option<DirectoryInfo?>("--suites") { Description = "Folder of suites, with devices/ and models/. Default: ./suites when present, else the suites embedded in perflab." };
        var builds = new Option<int>("--builds") { Description = "Nightly builds to run, ids 1..N; at least 9, so the gate has builds on both sides of the injected regression.", DefaultValueFactory = _ => 14 };
        var command = new Command("demo",
            "Run the shipped suites on the emulated farm (Hailo-8, Hailo-10H and the GPU profiles in suites/devices) for 14 nightly " +
            "builds with one injected regression (Hydra FPS -10 % on the Hailo-10H from build 8: the shipped profile's regression, deepened past the 5 % budget), gate the last build against the " +
            "build tagged release=1.0 (build 7), write every report into the output folder and print the page to open. The demo " +
            "reduces the suites (at most 5 repetitions, no cool-down waits, 8192-token points of the reference sweep) and prints each " +
            "reduction. Emulated results demonstrate the pipeline and are not evidence.\nExample: perflab demo --out perflab-demo")
        { output, suites, builds };
        command.SetAction((parse, ct) => CliAction.RunAsync(async () =>
        {
            var n = parse.GetValue(builds);
            if (n < 9) throw new UsageException($"--builds {n}: at least 9 builds are needed (release build {DemoRunner.ReleaseBuild}, regression from build 8)");
            var source = SuiteSource.Resolve(parse.GetValue(suites)?.ToString());
            System.Console.WriteLine(source.Line);
            var result = await new DemoRunner(new DemoOptions(parse.GetValue(output)!.FullName, source.Directory, n), System.Console.Out)
                .RunAsync(ct).ConfigureAwait(false);
            var c = CultureInfo.InvariantCulture;
            System.Console.WriteLine(string.Create(c, $"demo: {result.Cases} case(s) stored ({result.FailedCases} not passed, by design or fault), {result.InProcessCalls} emulated tool call(s), {result.MeasureTime.TotalSeconds:0.0} s measuring, {result.TotalTime.TotalSeconds:0.0} s in all"));
            System.Console.WriteLine($"gate (build {n} vs release build {DemoRunner.ReleaseBuild}): {result.GateDecision}");
            foreach (var b in result.Blocking) System.Console.WriteLine($"  blocking: {b}");
            foreach (var r in result.RegressionChanges) System.Console.WriteLine($"  change point: {r}");
            System.Console.WriteLine($"database: {result.Database}");
            System.Console.WriteLine("EMULATED: these reports demonstrate the pipeline and are not evidence.");
            System.Console.WriteLine($"open: {result.IndexHtml}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
