namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>Figures of one invocation after noise, heat, throttling and injected regressions.</summary>
internal sealed record SimulatedFigures(double Fps, double FpsHwOnly, double? HwLatency, double? OverallLatency,
    double? TempMin, double? TempAvg, double? TempMax, double? PowerMin, double? PowerAvg, double? PowerMax);
