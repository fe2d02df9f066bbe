using static PerfLab.Results.Import.CsvHistoryReader;

namespace PerfLab.Results.Import;

/// <summary>The second pass over a CSV history: hands out each run's rows in the order of the runs' last lines, reading the
/// file once and keeping only the rows of runs that have not ended yet. A run's rows are checked against the first pass's
/// content hash, so a file changed in between is refused, not stored.</summary>
internal sealed class CsvRowReplay(Func<Stream> open, string file, IReadOnlyList<RunRows> runs, string[] prefix, DateTimeOffset clock)
{
    private readonly Dictionary<(string Build, string Device, string Suite), RunRows> _byKey = runs.ToDictionary(r => (r.Build, r.Device, r.Suite));
    private readonly Dictionary<RunRows, RunRows> _open = [];
    private readonly HashSet<RunRows> _ended = [];
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private Stream? _stream;
    private Utf8Lines? _lines;

    /// <summary>The rows of <paramref name="run"/>, read up to its last line; runs that ended before it and were not asked for
    /// are dropped (the store skipped them). Asking for a run that was passed over or handed out already throws.</summary>
    public IReadOnlyList<CsvRow> Take(RunRows run)
    {
        if (_ended.Contains(run))
            throw new InvalidOperationException($"{file}: the rows of the run starting on line {run.FirstLine} were read past already; walk the runs in their order, once");
        if (_lines is null)
        {
            _stream = open();
            _lines = new Utf8Lines(_stream);
            _lines.Next(out _); // the header, checked by the first pass
        }
        while (!_ended.Contains(run))
        {
            if (!_lines.Next(out var next)) throw Changed(run.LastLine, "it ended early");
            if (next.Problem is { } bad) throw Changed(next.Number, bad);
            var line = next.Text!.TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var problems = new List<ImportProblem>();
            var parsed = ParseRow(line, next.Number, file, problems, _names, clock);
            if (parsed is not var (key, row) || problems.Count > 0) throw Changed(next.Number, problems.FirstOrDefault()?.Message ?? "a row no longer reads");
            if (!_byKey.TryGetValue(key, out var owner)) throw Changed(next.Number, "a run appeared that the first pass did not see");
            if (!_open.TryGetValue(owner, out var rows)) _open[owner] = rows = new RunRows(owner.Build, owner.Device, owner.Suite, prefix, keepRows: true);
            rows.Add(row);
            if (next.Number != owner.LastLine) continue;
            _ended.Add(owner);
            if (owner != run) _open.Remove(owner);
        }
        _open.Remove(run, out var taken);
        taken!.Seal();
        if (taken.Hash != run.Hash || taken.Count != run.Count) throw Changed(run.LastLine, "the run's rows differ from the first reading");
        if (_ended.Count == _byKey.Count) Close();
        return taken.Rows!;
    }

    private InvalidDataException Changed(int line, string what)
    {
        Close();
        return new InvalidDataException($"{file}:{line}: the file changed while it was being ingested ({what}); nothing of it was stored");
    }

    private void Close()
    {
        _lines?.Dispose();
        _stream?.Dispose();
    }
}
