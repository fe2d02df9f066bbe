using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;

namespace PerfLab.Runners.Cuda.ExactModel;

/// <summary><c>cuda.exact-model</c>: reads an exact-model raw summary JSON into samples, checks and artifacts, with its exclusion as a check.</summary>
public sealed class CudaExactModelRunner : IStepRunner
{
    public string Name => "cuda.exact-model";

    public string Summary => "Ingests an exact-model summary JSON (fit/quality/speed groups); excluded rows are stored with their reason";

    public IReadOnlyList<ArgProblem> Validate(StepSpec step) => Read(new ArgReader(step.With)).Reader.Problems;

    private static (string Summary, string Model, ArgReader Reader) Read(ArgReader r)
    {
        var summary = r.String("summary", required: true) ?? "";
        var model = r.String("expected_model") ?? ExactModelEvidenceRules.DefaultExpectedModel;
        r.RejectUnknownKeys();
        return (summary, model, r);
    }

    public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var (summary, model, reader) = Read(new ArgReader(context.Step.With));
        if (reader.Problems.Count > 0)
            return Task.FromResult(StepOutcome.Failed(FailureClass.InternalError, string.Join("; ", reader.Problems.Select(p => p.Message)), TimeSpan.Zero, null));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var path = context.ResolvePath(summary);
        var result = ExactModelIngest.Read(path, model);
        if (result.Error is not null)
        {
            var cls = File.Exists(path) ? FailureClass.GarbageOutput : FailureClass.NoMetric;
            return Task.FromResult(StepOutcome.Failed(cls, result.Error, started.Elapsed, null));
        }
        return Task.FromResult(StepOutcome.Success(result.Samples, started.Elapsed, null, result.Checks, result.Artifacts,
            facts: result.Facts, keyFacts: ["model.id", Cuda.CudaFactNames.GpuName]));
    }
}
