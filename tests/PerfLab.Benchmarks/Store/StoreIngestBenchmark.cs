using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;

using PerfLab.Results;

namespace PerfLab.Benchmarks.Store;

/// <summary>Inserts the same sample rows through the store's real write path and through the sqlite3 CLI's CSV .import, side by side.</summary>
/// <remarks>
/// Both sides write into a database the store created (same schema, indexes, foreign keys on, WAL, synchronous=NORMAL);
/// the sqlite3 side gets the case rows beforehand, untimed, and imports only the samples. Sides alternate per repeat so
/// machine noise hits both. Times are wall-clock: the whole sqlite3 process, and the RecordCase loop of the store.
/// </remarks>
public static class StoreIngestBenchmark
{
    private static readonly (string Name, string Unit)[] Metrics =
    [
        ("fps", "fps"), ("hw_latency", "ms"), ("overall_latency", "ms"), ("chip_temp", "°C"), ("power", "W"),
        ("tokens_per_second", "tok/s"), ("wall", "s"), ("memory_allocated", "GiB"), ("memory_reserved", "GiB"), ("generated_tokens", "tokens"),
    ];

    /// <summary>Runs the comparison; <paramref name="workDir"/> receives the scratch databases and CSV (deleted afterwards).</summary>
    /// <exception cref="InvalidOperationException">sqlite3 cannot be started or its import failed: no figure is produced then.</exception>
    public static StoreIngestResult Run(int samples, string workDir, TextWriter log, int repeats = 3, int samplesPerCase = 1000, string sqlite3 = "sqlite3")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerCase, 1);
        Directory.CreateDirectory(workDir);
        var sqlite3Version = Sqlite3Version(sqlite3);

        var run = BenchRun();
        var cases = BuildCases(run.Device, samples, samplesPerCase);
        var csv = Path.Combine(workDir, "samples.csv");
        WriteCsv(csv, cases);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store ingest benchmark: {samples} samples in {cases.Count} cases, {repeats} repeats, sqlite3 {sqlite3Version}"));

        var storeTimes = new List<double>();
        var cliTimes = new List<double>();
        var storeCpu = new List<double>();
        List<double>? cliCpu = [];
        var storeVersion = "";
        try
        {
            // Untimed warm-up of both sides (JIT, page cache, the sqlite3 binary) on the first few cases.
            var warm = cases.Take(Math.Max(1, cases.Count / 20)).ToList();
            var warmRows = warm.Sum(c => c.Samples.Count);
            var warmCsv = Path.Combine(workDir, "warmup.csv");
            WriteCsv(warmCsv, warm);
            TimeStore(Path.Combine(workDir, "warmup-store.db"), run, warm, warmRows);
            TimeSqlite3(sqlite3, Path.Combine(workDir, "warmup-sqlite3.db"), run, warm, warmCsv, warmRows);
            TryDelete(warmCsv);

            for (var i = 0; i < repeats; i++)
            {
                var store = TimeStore(Path.Combine(workDir, $"store-{i}.db"), run, cases, samples);
                storeVersion = store.SqliteVersion;
                storeTimes.Add(store.Seconds);
                storeCpu.Add(store.CpuSeconds);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  repeat {i + 1}: store   {store.Seconds:F3} s  {samples / store.Seconds:F0} rows/s  (cpu {store.CpuSeconds:F3} s)"));

                var cli = TimeSqlite3(sqlite3, Path.Combine(workDir, $"sqlite3-{i}.db"), run, cases, csv, samples);
                cliTimes.Add(cli.Seconds);
                if (cli.CpuSeconds is { } cpu) cliCpu?.Add(cpu); else cliCpu = null;
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  repeat {i + 1}: sqlite3 {cli.Seconds:F3} s  {samples / cli.Seconds:F0} rows/s  (cpu {(cli.CpuSeconds is { } c ? c.ToString("F3", CultureInfo.InvariantCulture) : "n/a")} s)"));
            }
        }
        finally
        {
            TryDelete(csv);
        }

        var result = new StoreIngestResult(samples, samplesPerCase, storeTimes, cliTimes, storeCpu, cliCpu, storeVersion, sqlite3Version);
        log.WriteLine(result.Summary());
        return result;
    }

    private static (double Seconds, double CpuSeconds, string SqliteVersion) TimeStore(string db, RunInfo run, IReadOnlyList<CaseResult> cases, int expected)
    {
        DeleteDatabase(db);
        try
        {
            using var store = SqliteResultStore.Open(db);
            store.BeginRun(run);
            var cpu = CpuClock.Self();
            var clock = Stopwatch.StartNew();
            foreach (var c in cases) store.RecordCase(run.Id, c);
            clock.Stop();
            cpu = CpuClock.Self() - cpu;
            store.EndRun(run.Id, RunStatus.Passed, run.StartedAt.AddHours(1));
            var version = CheckCount(db, expected);
            return (clock.Elapsed.TotalSeconds, cpu, version);
        }
        finally
        {
            DeleteDatabase(db);
        }
    }

    private static (double Seconds, double? CpuSeconds) TimeSqlite3(string sqlite3, string db, RunInfo run, IReadOnlyList<CaseResult> cases, string csv, int expected)
    {
        DeleteDatabase(db);
        try
        {
            using (var store = SqliteResultStore.Open(db))
            {
                store.BeginRun(run);
                for (var i = 0; i < cases.Count; i++)
                {
                    var id = store.RecordCaseReturningId(run.Id, cases[i] with { Samples = [] });
                    // The CSV names cases 1..n; a fresh database must have handed out exactly those ids.
                    if (id != i + 1) throw new InvalidOperationException($"case {i} got id {id}, expected {i + 1}");
                }
            }

            // Same settings as the store's connection: foreign keys enforced, synchronous NORMAL (WAL is in the file).
            var script = $"PRAGMA foreign_keys=ON;\nPRAGMA synchronous=NORMAL;\n.bail on\n.import --csv '{csv.Replace("'", "''")}' samples\n";
            var start = new ProcessStartInfo(sqlite3)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(db);
            var cpuBefore = CpuClock.Children();
            var clock = Stopwatch.StartNew();
            using var p = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {sqlite3}");
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            p.StandardInput.Write(script);
            p.StandardInput.Close();
            p.WaitForExit();
            clock.Stop();
            var cpuAfter = CpuClock.Children();
            var err = stderr.Result.Trim();
            if (p.ExitCode != 0 || err.Length > 0)
                throw new InvalidOperationException($"sqlite3 .import failed (exit {p.ExitCode}): {err} {stdout.Result.Trim()}");
            CheckCount(db, expected);
            return (clock.Elapsed.TotalSeconds, cpuAfter - cpuBefore);
        }
        finally
        {
            DeleteDatabase(db);
        }
    }

    /// <summary>Proves the side stored every row; returns the SQLite library version that wrote it.</summary>
    private static string CheckCount(string db, int expected)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*), sqlite_version() FROM samples";
        using var r = cmd.ExecuteReader();
        r.Read();
        var n = r.GetInt64(0);
        if (n != expected) throw new InvalidOperationException($"{db}: {n} samples stored, expected {expected}");
        return r.GetString(1);
    }

    private static RunInfo BenchRun()
    {
        var device = new Device("cuda:GPU-bench", "cuda", "NVIDIA H100 80GB HBM3",
            new Dictionary<string, string> { ["family"] = "cuda", ["model"] = "h100" },
            new Dictionary<string, string> { ["driver"] = "570.86.15", ["memory"] = "80 GiB" }, ["driver"], false);
        return new RunInfo("bench-run", "bench-suite", "1", new string('0', 64), EvidenceScope.HostMeasurement, "bench-build", "main",
            new Dictionary<string, string>(), new HostInfo("bench-host", "Linux", "x64", 16, "bench cpu"), device, "0.1.0",
            new Dictionary<string, string>(), new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Metrics.Select(m => new MetricSpec(m.Name, m.Unit, Better.Lower, MetricGate.None)).ToList());
    }

    /// <summary>Realistic cases: each metric repeated over repetitions, full-precision values, a few repetition and check rows.</summary>
    private static List<CaseResult> BuildCases(Device device, int samples, int perCase)
    {
        var random = new Random(20250101);
        var cases = new List<CaseResult>();
        var at = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var written = 0; written < samples; written += perCase)
        {
            var n = Math.Min(perCase, samples - written);
            var list = new List<RecordedSample>(n);
            for (var j = 0; j < n; j++)
            {
                var (metric, unit) = Metrics[j % Metrics.Length];
                list.Add(new RecordedSample("measure", j / Metrics.Length, metric, 100 * random.NextDouble() + 1, unit));
            }
            var index = cases.Count;
            cases.Add(new CaseResult(
                $"batch={index % 8},model=m{index % 25}",
                new Dictionary<string, string> { ["batch"] = (index % 8).ToString(CultureInfo.InvariantCulture), ["model"] = $"m{index % 25}" },
                device, $"key-{index % 200:D4}", new Dictionary<string, string> { ["model"] = $"m{index % 25}" },
                CaseStatus.Passed, null, null, list,
                [new RepetitionRecord("measure", 0, true, 1.5, 0, null), new RepetitionRecord("measure", 1, false, 1.4, 0, null)],
                [new Check("exit-code", true, "0")], [], [], new Dictionary<string, string>(), at, at.AddSeconds(3)));
        }
        return cases;
    }

    private static void WriteCsv(string path, IReadOnlyList<CaseResult> cases)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        for (var i = 0; i < cases.Count; i++)
        {
            var id = (i + 1).ToString(CultureInfo.InvariantCulture);
            foreach (var s in cases[i].Samples)
            {
                w.Write(id); w.Write(',');
                w.Write(s.Step); w.Write(',');
                w.Write(s.Repetition.ToString(CultureInfo.InvariantCulture)); w.Write(',');
                w.Write(s.Metric); w.Write(',');
                w.Write(s.Value.ToString("R", CultureInfo.InvariantCulture)); w.Write(',');
                w.Write(s.Unit); w.Write('\n');
            }
        }
    }

    private static string Sqlite3Version(string sqlite3)
    {
        try
        {
            var start = new ProcessStartInfo(sqlite3) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("--version");
            using var p = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {sqlite3}");
            var text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"{sqlite3} --version exited {p.ExitCode}");
            return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "unknown";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{sqlite3}' (the sqlite3 command-line tool) cannot be started: {e.Message}; the comparison needs it", e);
        }
    }

    private static void DeleteDatabase(string db)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" }) TryDelete(db + suffix);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
