namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>One <c>hydra_decode ...</c> result line: the shape it ran and the mean host-timed milliseconds per call.</summary>
/// <param name="PeakMemMb">Only printed by PerfLab's own workload (torch.cuda.max_memory_allocated in MiB).</param>
public sealed record HydraDecodeLine(
    int Batch, int Heads, int KvHeads, int KvTokens, int HeadDim, int Window, int Iterations,
    double MsPerIter, double? PeakMemMb);
