namespace PerfLab.Runners.Emulation.Cuda;

/// <summary>How emulated decode times scale away from the card's 8192-token figures. A model for demos, not a measurement.</summary>
/// <remarks>Time is a fixed launch/host part plus a part linear in the KV tokens actually read, anchored so that at
/// Tkv=8192 it returns the published figure exactly; a window or sink+window set bounds the tokens read.</remarks>
public static class DecodeTimingModel
{
    public const int AnchorTokens = 8192;

    /// <summary>The Hydra kernel (package smoke): 45% fixed at the anchor, the rest linear in tokens read.</summary>
    public static double HydraMs(GpuProfile p, int tokens, int window, int batch, int heads) =>
        p.SmokeMs * (0.45 + 0.55 * Read(tokens, window) / AnchorTokens) * Math.Max(1, batch) * Math.Max(1, heads) / 32.0;

    /// <summary>PerfLab's SDPA workload, anchored on the card's HF benchmark mean; bounded reads sinks + window tokens only.</summary>
    public static double WorkloadMs(GpuProfile p, int tokens, bool bounded, int sinks, int window) =>
        p.HfMeanMs * (0.30 + 0.70 * (bounded ? Math.Min(tokens, sinks + window) : tokens) / AnchorTokens);

    /// <summary>Peak allocated MiB of the workload: q, the KV cache, and the KV heads expanded to the query heads for SDPA.</summary>
    public static double WorkloadPeakMib(int tokens, bool bounded, int sinks, int window)
    {
        const double bytesPerToken = 128 * 2; // D=128, bf16
        var attended = bounded ? Math.Min(tokens, sinks + window) : tokens;
        var cache = 2 * 8 * tokens * bytesPerToken;
        var gathered = bounded ? 2 * 8 * attended * bytesPerToken : 0;
        var expanded = 2 * 32 * attended * bytesPerToken;
        var q = 2 * 32 * bytesPerToken;
        return (cache + gathered + expanded + q) / (1024.0 * 1024.0);
    }

    private static double Read(int tokens, int window) => window > 0 && window < tokens ? window : tokens;
}
