using NUnit.Framework;
using System.Text;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Harness.Suites;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Suites;

/// <summary>Valid suites: every field read back, defaults, hashing, and the loader's behaviour on odd files.</summary>
public sealed class SuiteLoaderTests
{
    private static Suite LoadGood(string fixture)
    {
        var result = ArgvTestRunner.Loader().Load(RepoPaths.Fixture("suites", "good", fixture));
        Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
        Assert.That(result.IsValid, Is.True);
        return result.Suite!;
    }

    private static string Values(MatrixPoint p) => string.Join(",", p.Values.Select(kv => $"{kv.Key}={kv.Value}"));

    [Test]
    public void FullSuite_ReadsEveryField()
    {
        var path = RepoPaths.Fixture("suites", "good", "full.yaml");
        var suite = LoadGood("full.yaml");

        Assert.That(suite.Name, Is.EqualTo("host-baseline"));
        Assert.That(suite.Description, Is.EqualTo("Hashing throughput of the host CPU."));
        Assert.That(suite.Version, Is.EqualTo("1.10"), "a numeric version is kept as written, not as 1.1");
        Assert.That(suite.SourcePath, Is.EqualTo(path));
        Assert.That(suite.Scope, Is.EqualTo(EvidenceScope.HostMeasurement));

        Assert.That(suite.Requires, Has.Count.EqualTo(2));
        Assert.That(suite.Requires[0].Labels["family"], Is.EqualTo(new[] { "host" }));
        Assert.That(suite.Requires[1].Labels.Keys, Is.EqualTo(new[] { "family", "emulated" }));
        Assert.That(suite.Requires[1].Labels["family"], Is.EqualTo(new[] { "hailo", "cuda" }));
        Assert.That(suite.Requires[1].Labels["emulated"], Is.EqualTo(new[] { "true" }));

        Assert.That(suite.Defaults, Is.EqualTo(new SuiteDefaults(7, 2, TimeSpan.FromSeconds(90))));
        Assert.That(suite.Thermal, Is.EqualTo(new SuiteThermal(55, TimeSpan.FromMinutes(4), 90.5)));

        Assert.That(suite.Matrix.Select(Values), Is.EqualTo(new[]
        {
            "size_mb=16,algo=sha256", "size_mb=16,algo=gzip", "size_mb=64,algo=sha256", "size_mb=64,algo=gzip",
            "size_mb=256,algo=sha256",
        }));
        Assert.That(suite.Matrix.Take(4).Select(p => p.Requires), Is.All.Null);
        var narrowed = suite.Matrix[4].Requires!;
        Assert.That(narrowed.Labels["family"], Is.EqualTo(new[] { "cuda" }));
        Assert.That(narrowed.Labels["arch"], Is.EqualTo(new[] { "sm_90", "sm_120" }));

        Assert.That(suite.Metrics, Has.Count.EqualTo(4));
        var throughput = suite.Metric("throughput")!;
        Assert.That(throughput, Is.EqualTo(new MetricSpec("throughput", "MB/s", Better.Higher, new MetricGate(5, 10, 1e9), "Bytes hashed per second.")));
        Assert.That(suite.Metric("duration"), Is.EqualTo(new MetricSpec("duration", "s", Better.Lower, MetricGate.None)));

        Assert.That(suite.Steps.Select(s => s.Name), Is.EqualTo(new[] { "check-tools", "hash" }));
        var check = suite.Steps[0];
        Assert.That(check.Runner, Is.EqualTo(ArgvTestRunner.DefaultName));
        Assert.That(check.Once, Is.True);
        Assert.That((check.Repetitions, check.WarmupRepetitions, check.Timeout), Is.EqualTo(((int?)null, (int?)null, (TimeSpan?)null)));
        Assert.That(check.Extract, Is.Empty);
        Assert.That(check.Position, Is.EqualTo(new SourcePosition(27, 5)));
        var checkArgv = (ArgList)check.With["argv"]!;
        Assert.That(checkArgv.Items.Cast<ArgScalar>().Select(s => s.Value), Is.EqualTo(new[] { "sh", "-c", "command -v sha256sum" }));

        var hash = suite.Steps[1];
        Assert.That(hash.Once, Is.False);
        Assert.That((hash.Repetitions, hash.WarmupRepetitions, hash.Timeout), Is.EqualTo(((int?)3, (int?)0, (TimeSpan?)TimeSpan.FromMilliseconds(1500))));
        Assert.That(hash.Position, Is.EqualTo(new SourcePosition(31, 5)));
        Assert.That(hash.With.Entries.Select(e => e.Key), Is.EqualTo(new[] { "argv", "env" }));
        Assert.That(hash.With.Entries[0].KeyPosition, Is.EqualTo(new SourcePosition(34, 7)));
        var argv = (ArgList)hash.With["argv"]!;
        Assert.That(argv.Items[1], Is.EqualTo(new ArgScalar("${suite_dir}/../workloads/hash.py", new SourcePosition(34, 23))));
        var env = (ArgMap)hash.With["env"]!;
        Assert.That(((ArgScalar)env["DEVICE"]!).Value, Is.EqualTo("${device.id}"));

        Assert.That(hash.Extract, Is.EqualTo(new[]
        {
            new ExtractSpec("throughput", ExtractKind.Regex, "MB/s=(?<value>[0-9.]+)", 1000000, new SourcePosition(40, 9)),
            new ExtractSpec("duration", ExtractKind.WallClock, "seconds", 1, new SourcePosition(41, 9)),
            new ExtractSpec("duration_ms", ExtractKind.WallClock, "ms", 1000, new SourcePosition(42, 9)),
            new ExtractSpec("digest_len", ExtractKind.JsonPath, "$.digest.length[0]", 1, new SourcePosition(43, 9)),
        }));

        var expectedSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        Assert.That(suite.Sha256, Is.EqualTo(expectedSha));
    }

    [Test]
    public void MinimalSuite_GetsStandardDefaults_NoThermal_AndOneEmptyMatrixPoint()
    {
        var suite = LoadGood("minimal.yaml");
        Assert.That(suite.Version, Is.EqualTo("2024.1"));
        Assert.That(suite.Scope, Is.EqualTo(EvidenceScope.Emulated));
        Assert.That(suite.Requires, Is.Empty);
        Assert.That(suite.Defaults, Is.EqualTo(SuiteDefaults.Standard));
        Assert.That(suite.Thermal, Is.Null);
        Assert.That(suite.Metrics, Is.Empty);
        Assert.That(suite.Matrix, Has.Count.EqualTo(1));
        Assert.That(suite.Matrix[0].Values, Is.Empty);
        Assert.That(suite.Matrix[0].Label, Is.EqualTo("default"));
        Assert.That(suite.Steps.Single().With.Position, Is.EqualTo(new SourcePosition(6, 44)));
    }

    [Test]
    public void Sha256_IsOfTheFileBytes_LowercaseHex_AndDeterministic()
    {
        var path = RepoPaths.Fixture("suites", "good", "minimal.yaml");
        var loader = ArgvTestRunner.Loader();
        // Computed with `sha256sum tests/fixtures/suites/good/minimal.yaml`.
        const string Known = "822f03e95446c4dcecf2f60948b92646c21a5f423880c49b539375ab3626c2b0";
        Assert.That(loader.Load(path).Suite!.Sha256, Is.EqualTo(Known));
        Assert.That(loader.Load(path).Suite!.Sha256, Is.EqualTo(Known));
        Assert.That(loader.LoadText(File.ReadAllText(path), "other.yaml").Suite!.Sha256, Is.EqualTo(Known));

        var edited = File.ReadAllText(path).Replace("fewest", "Fewest", StringComparison.Ordinal);
        Assert.That(loader.LoadText(edited, path).Suite!.Sha256, Is.Not.EqualTo(Known).And.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public void Sha256_CoversAByteOrderMark_ThatTheParserSkips()
    {
        using var dir = new TempDirectory();
        var text = File.ReadAllText(RepoPaths.Fixture("suites", "good", "minimal.yaml"));
        File.WriteAllText(dir.File("plain.yaml"), text, new UTF8Encoding(false));
        File.WriteAllText(dir.File("bom.yaml"), text, new UTF8Encoding(true));
        var loader = ArgvTestRunner.Loader();
        var plain = loader.Load(dir.File("plain.yaml")).Suite!;
        var bom = loader.Load(dir.File("bom.yaml")).Suite!;
        Assert.That(bom.Name, Is.EqualTo(plain.Name));
        Assert.That(bom.Sha256, Is.Not.EqualTo(plain.Sha256));
    }

    [Test]
    public void ManyErrors_AreAllReported_InFileOrder()
    {
        var result = ArgvTestRunner.Loader().Load(RepoPaths.Fixture("suites", "bad", "wrong-types.yaml"));
        Assert.That(result.Errors, Has.Count.EqualTo(7));
        var positions = result.Errors.Select(e => e.Position.Line * 1000 + e.Position.Column).ToList();
        Assert.That(positions, Is.Ordered);
        Assert.That(result.Errors.Select(e => e.Path).Distinct(), Is.EqualTo(new[] { RepoPaths.Fixture("suites", "bad", "wrong-types.yaml") }));
    }

    [Test]
    public void ErrorsOfDifferentClasses_InOneFile_AreReportedTogether()
    {
        const string Text = """
            name: Mixed
            description: one error of each kind
            version: 1
            scope: emulated
            colour: red
            metrics: [{ name: fps, unit: fps, better: up }]
            steps:
              - { name: a, runner: nope, repetitions: 0 }
              - { name: a, runner: argv-test, with: { argv: ["${x}"] }, extract: [{ metric: fsp, regex: '(' }] }
            """;
        var errors = ArgvTestRunner.Loader().LoadText(Text, "mixed.yaml").Errors;
        Assert.That(errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "mixed.yaml:1:7: suite name 'Mixed' must match [a-z0-9][a-z0-9._-]* (lower case, digits, '.', '_', '-')",
            "mixed.yaml:5:1: unknown top-level key 'colour' (known: name, description, version, requires, scope, defaults, thermal, matrix, metrics, steps)",
            "mixed.yaml:6:43: 'metrics[0].better' must be 'higher' or 'lower', got 'up'",
            "mixed.yaml:8:24: unknown runner 'nope' (known: argv-test)",
            "mixed.yaml:8:43: 'steps[0].repetitions' must be at least 1, got 0",
            "mixed.yaml:9:13: duplicate step name 'a' (first at 8:13)",
            "mixed.yaml:9:50: undefined variable '${x}' in steps[1].with (variables are suite_dir and device.<label>)",
            "mixed.yaml:9:81: 'steps[1].extract[0].metric' names metric 'fsp', which 'metrics' does not declare; did you mean 'fps'?",
            "mixed.yaml:9:93: 'steps[1].extract[0].regex' is not a valid regex: InsufficientClosingParentheses at offset 1",
        }));
    }

    [Test]
    public void OnceSteps_RejectRepetitionsAndWarmup()
    {
        const string Text = """
            name: once
            description: d
            version: 1
            scope: emulated
            steps:
              - { name: gate, runner: argv-test, with: { argv: [x] }, once: true, repetitions: 2, warmup: 1 }
            """;
        var errors = ArgvTestRunner.Loader().LoadText(Text, "once.yaml").Errors;
        Assert.That(errors.Select(e => (e.Position.Line, e.Position.Column)), Is.EqualTo(new[] { (6, 71), (6, 87) }));
        Assert.That(errors[0].Message, Is.EqualTo("'steps[0].repetitions' conflicts with 'once: true' (a once step runs exactly once, without warm-up)"));
    }

    [Test]
    public void Thermal_NeedsALimit_AndCooldownBelowAbort()
    {
        var loader = ArgvTestRunner.Loader();
        const string Head = "name: t\ndescription: d\nversion: 1\nscope: emulated\nsteps: [{ name: s, runner: argv-test, with: { argv: [x] } }]\n";
        var empty = loader.LoadText(Head + "thermal: { max_wait: 1m }\n", "t.yaml").Errors;
        Assert.That(empty.Select(e => e.ToString()), Is.EqualTo(new[] { "t.yaml:6:10: 'thermal' must give cooldown_to, abort_above or both" }));
        var inverted = loader.LoadText(Head + "thermal: { cooldown_to: 80, abort_above: 70 }\n", "t.yaml").Errors;
        Assert.That(inverted.Select(e => e.ToString()), Is.EqualTo(new[] { "t.yaml:6:12: 'thermal.cooldown_to' (80) must be below 'thermal.abort_above' (70)" }));
        var abortOnly = loader.LoadText(Head + "thermal: { abort_above: 85 }\n", "t.yaml").Suite!;
        Assert.That(abortOnly.Thermal, Is.EqualTo(new SuiteThermal(null, SuiteLoader.DefaultThermalMaxWait, 85)));
    }

    [Test]
    public void FileLevelProblems_HaveNoPosition()
    {
        var loader = ArgvTestRunner.Loader();
        var missing = loader.Load("/nonexistent/suite.yaml");
        Assert.That(missing.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { "/nonexistent/suite.yaml: no such file" }));

        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("latin1.yaml"), [(byte)'a', (byte)':', (byte)' ', 0xE9, (byte)'\n']);
        var latin1 = loader.Load(dir.File("latin1.yaml"));
        Assert.That(latin1.Errors.Single().Message, Is.EqualTo("the file is not valid UTF-8 (bad byte at offset 3)"));
        Assert.That(latin1.Errors.Single().Position, Is.EqualTo(SourcePosition.Unknown));
    }

    [Test]
    public void EmptyFiles_ScalarRoots_AndSecondDocuments_AreErrors()
    {
        var loader = ArgvTestRunner.Loader();
        Assert.That(loader.LoadText("# nothing\n", "e.yaml").Errors.Select(e => e.ToString()),
            Is.EqualTo(new[] { "e.yaml:1:1: the file holds no YAML document" }));
        Assert.That(loader.LoadText("- a\n- b\n", "l.yaml").Errors.Select(e => e.ToString()),
            Is.EqualTo(new[] { "l.yaml:1:1: a suite must be a map of keys (name, description, steps, ...), got a list" }));
        var two = File.ReadAllText(RepoPaths.Fixture("suites", "good", "minimal.yaml")) + "---\nname: second\n";
        Assert.That(loader.LoadText(two, "two.yaml").Errors.Select(e => e.ToString()),
            Is.EqualTo(new[] { "two.yaml:7:1: a suite file holds one YAML document; a second one starts here" }));
    }

    [Test]
    public void AnchorsAndAliases_AreResolved()
    {
        const string Text = """
            name: aliases
            description: d
            version: 1
            scope: emulated
            defaults: &d { repetitions: 2 }
            steps:
              - { name: s, runner: argv-test, with: { argv: &argv [x, y] } }
              - { name: t, runner: argv-test, with: { argv: *argv } }
              - { name: u, runner: argv-test, with: { argv: *nothing } }
            """;
        var result = ArgvTestRunner.Loader().LoadText(Text, "a.yaml");
        Assert.That(result.Errors.Select(e => e.ToString()), Does.Contain("a.yaml:9:49: alias '*nothing' names no anchor defined before it"));
        var fixedText = Text.Replace("  - { name: u, runner: argv-test, with: { argv: *nothing } }", "", StringComparison.Ordinal);
        var suite = ArgvTestRunner.Loader().LoadText(fixedText, "a.yaml").Suite!;
        Assert.That(((ArgList)suite.Steps[1].With["argv"]!).Items.Cast<ArgScalar>().Select(s => s.Value), Is.EqualTo(new[] { "x", "y" }));
    }

    [Test]
    public void ARunnerThatThrowsInValidate_IsReportedAtItsStep_NotThrown()
    {
        const string Text = """
            name: throws
            description: d
            version: 1
            scope: emulated
            steps:
              - { name: s, runner: broken }
            """;
        var loader = new SuiteLoader(new RunnerCatalog([new ThrowingRunner()]));
        var errors = loader.LoadText(Text, "t.yaml").Errors;
        Assert.That(errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "t.yaml:6:5: runner 'broken' failed while validating this step: InvalidOperationException: bug in the runner",
        }));
    }

    [Test]
    public void TheDocumentedExample_Loads()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "suite-format.md"));
        const string Fence = "```yaml\n";
        var start = doc.IndexOf(Fence, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "docs/suite-format.md has a yaml example");
        var end = doc.IndexOf("```", start + Fence.Length, StringComparison.Ordinal);
        var example = doc[(start + Fence.Length)..end];
        var loader = new SuiteLoader(new RunnerCatalog([new ArgvTestRunner("command")]));
        var result = loader.LoadText(example, "docs/suite-format.md#example");
        Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
        Assert.That(result.Suite!.Matrix, Has.Count.GreaterThan(1));
        Assert.That(result.Suite.Thermal, Is.Not.Null);
    }

    private sealed class ThrowingRunner : IStepRunner
    {
        public string Name => "broken";

        public string Summary => "throws from Validate";

        public IReadOnlyList<ArgProblem> Validate(StepSpec step) => throw new InvalidOperationException("bug in the runner");

        public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
