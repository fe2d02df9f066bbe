using PerfLab.Harness.Text;

namespace PerfLab.Results;

/// <summary>A stored row a reader could not use (a time that is not a time, a map that is not JSON, an unknown code, a figure
/// that is not one): the reader left it out and went on.</summary>
/// <param name="Key">The run id, case id or build the row belongs to.</param>
public sealed record StoredRowProblem(string File, string Table, string Key, string Message)
{
    /// <summary>One line, stored text escaped: <c>FILE: table T, KEY: message; row left out</c>.</summary>
    public override string ToString() =>
        $"{PrintableText.Escape(File)}: table {Table}, {PrintableText.Escape(Key)}: {PrintableText.Escape(Message)}; row left out";
}

/// <summary>Collects the <see cref="StoredRowProblem"/>s of one open database (every connection of a store shares it),
/// each distinct problem once, and passes each to an optional callback as it is met.</summary>
public sealed class StoredRowProblems(string file, Action<StoredRowProblem>? onProblem = null)
{
    /// <summary>At most this many distinct problems are kept and passed on; the rest are only counted.</summary>
    public const int MaxKept = 1000;

    private readonly Lock _gate = new();
    private readonly List<StoredRowProblem> _problems = [];
    private readonly HashSet<(string, string, string)> _seen = [];
    private int _beyond;

    /// <summary>The database file the problems are in.</summary>
    public string File { get; } = file;

    /// <summary>Problems met so far (at most <see cref="MaxKept"/>).</summary>
    public IReadOnlyList<StoredRowProblem> All
    {
        get
        {
            lock (_gate) return _problems.ToList();
        }
    }

    /// <summary>Problems met: the distinct ones kept plus every one met after <see cref="MaxKept"/> were kept.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _problems.Count + _beyond;
        }
    }

    /// <summary>Records that a row of <paramref name="table"/> under <paramref name="key"/> was left out, and why.</summary>
    public void Report(string table, string key, string message)
    {
        StoredRowProblem problem;
        lock (_gate)
        {
            if (_problems.Count >= MaxKept)
            {
                _beyond++;
                return;
            }
            if (!_seen.Add((table, key, message))) return;
            problem = new StoredRowProblem(File, table, key, message);
            _problems.Add(problem);
        }
        onProblem?.Invoke(problem);
    }
}
