using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using Spectre.Console;

namespace PerfLab.Cli.Console;

/// <summary>Progress bars for a person at a terminal: one bar per run, advancing per repetition.</summary>
public sealed class SpectreRunProgress : IRunProgress
{
    private readonly object _gate = new();
    private ProgressContext? _context;
    private ProgressTask? _current;

    /// <summary>Runs <paramref name="work"/> while the progress display is live.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                lock (_gate) _context = ctx;
                result = await work().ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result;
    }

    public void RunStarted(RunInfo run, int caseCount)
    {
        lock (_gate)
        {
            _current = _context?.AddTask(Markup.Escape($"{run.Suite} on {run.Device.Id}"), maxValue: Math.Max(1, caseCount));
        }
    }

    public void CaseStarted(PlannedCase plannedCase, int index, int total)
    {
        lock (_gate)
        {
            if (_current is not null) _current.Description = Markup.Escape($"{plannedCase.Suite.Name} on {plannedCase.Device.Id}: {plannedCase.Name}");
        }
    }

    public void RepetitionFinished(PlannedCase plannedCase, string step, int repetition, bool warmup, StepOutcome outcome) { }

    public void CaseFinished(PlannedCase plannedCase, CaseResult result)
    {
        lock (_gate)
        {
            _current?.Increment(1);
            var line = $"{PlainRunProgress.StatusWord(result.Status)} {plannedCase.Suite.Name}/{plannedCase.Name} on {plannedCase.Device.Id}{PlainRunProgress.Describe(result)}";
            // A wrapped line breaks the live progress display; the full figures are in the database and the report.
            var width = Math.Max(40, AnsiConsole.Profile.Width - 1);
            if (line.Length > width) line = line[..(width - 1)] + "…";
            AnsiConsole.MarkupLine(result.Status == CaseStatus.Passed ? "[green]{0}[/]" : "[red]{0}[/]", Markup.Escape(line));
        }
    }

    public void RunFinished(RunInfo run, RunStatus status)
    {
        lock (_gate)
        {
            if (_current is not null)
            {
                _current.Description = Markup.Escape($"{run.Suite} on {run.Device.Id}: {status.ToString().ToLowerInvariant()}");
                _current.StopTask();
            }
        }
    }

    public void Note(string message)
    {
        lock (_gate) AnsiConsole.MarkupLine("{0}", Markup.Escape(message));
    }
}
