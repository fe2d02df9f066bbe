using PerfLab.Runners.Hailo.Parsing;

namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>The emulated chip behind one profile: figures with run-to-run noise, heat that builds under load and fades
/// when idle (kept in a state file between invocations), throttling, and injected regressions.</summary>
internal sealed class EmulatedHailoChip(HailoDeviceProfile profile, HailoEmulatorSettings settings)
{
    /// <summary>The profile the figures come from.</summary>
    internal HailoDeviceProfile Profile => profile;

    /// <summary>The HailoRT version the profile emulates; it picks the output formats.</summary>
    internal HailoVersion Version { get; } = HailoVersion.Parse(profile.HailortVersion)!;

    /// <summary>HailoRT 5.x (Hailo-10H) formats rather than 4.x (Hailo-8).</summary>
    internal bool Generation5 => Version.Major >= 5;

    internal SimulatedFigures Simulate(string modelId, HailoModelFigures m, double loadSeconds)
    {
        var (rng, h0, h1) = Tick(loadSeconds);
        var noise = profile.NoisePct;
        var t = profile.Thermal;
        double? TempAt(double? seed, double h) => seed is { } s ? t.IdleC + (s - t.IdleC) * h : null;
        double? tMin = null, tAvg = null, tMax = null;
        if (m.HasTemperature)
        {
            // The whitepapers' figures are the sustained (fully warm) state; a cooler chip reads proportionally lower.
            var shift = profile.TempNoiseC * rng.Normal();
            var tf = RegressionFactor("temperature", modelId, rng);
            var readings = new[]
            {
                (TempAt(m.TempMinC, h0)!.Value + shift + profile.TempNoiseC * rng.Normal()) * tf,
                (TempAt(m.TempAvgC, (h0 + h1) / 2)!.Value + shift + profile.TempNoiseC * rng.Normal()) * tf,
                (TempAt(m.TempMaxC, h1)!.Value + shift + profile.TempNoiseC * rng.Normal()) * tf,
            };
            Array.Sort(readings);
            (tMin, tAvg, tMax) = (readings[0], readings[1], readings[2]);
        }
        var throttle = tAvg is { } avg && avg > t.ThrottleAboveC ? Math.Max(0.3, 1 - t.ThrottlePctPerC / 100 * (avg - t.ThrottleAboveC)) : 1;
        var fpsFactor = RegressionFactor("fps", modelId, rng) * throttle;
        var fps = m.Fps!.Value * fpsFactor * rng.LogNormalFactor(noise);
        var hwOnly = (m.FpsHwOnly ?? m.Fps.Value) * fpsFactor * rng.LogNormalFactor(noise);
        double? Scaled(double? v, string metric) => v is { } x ? x * RegressionFactor(metric, modelId, rng) * RegressionFactor("latency", modelId, rng) * rng.LogNormalFactor(noise) : null;
        var hw = Scaled(m.HwLatencyMs, "hw_latency");
        var overall = Scaled(m.OverallLatencyMs, "overall_latency");
        double? pAvg = null, pMax = null, pMin = null;
        if (profile.PowerSensor && m.PowerAvgW is { } pa)
        {
            var pf = RegressionFactor("power", modelId, rng);
            pAvg = pa * pf * rng.LogNormalFactor(noise);
            pMax = m.PowerMaxW is { } pm ? Math.Max(pAvg.Value, pm * pf * rng.LogNormalFactor(noise)) : null;
            pMin = m.PowerMinW is { } pn ? Math.Min(pAvg.Value, pn * pf * rng.LogNormalFactor(noise)) : null;
        }
        return new SimulatedFigures(fps, hwOnly, hw, overall, tMin, tAvg, tMax, pMin, pAvg, pMax);
    }

    /// <remarks>Only a disturbance with extra noise draws from <paramref name="rng"/>, so profiles without one keep their seeded figures.</remarks>
    internal double RegressionFactor(string metric, string model, EmulatorRandom rng) =>
        profile.Regressions
            .Where(r => r.Metric == metric && (r.Model.Length == 0 || r.Model == model) && r.AppliesTo(settings.Build, settings.ConfirmRound))
            .Aggregate(1.0, (acc, r) => acc * r.Factor * (r.NoisePct > 0 ? rng.LogNormalFactor(r.NoisePct) : 1));

    internal double Now() => settings.NowSeconds ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Advances the device's state by one invocation with <paramref name="loadSeconds"/> of load.</summary>
    internal (EmulatorRandom Random, double HeatBefore, double HeatAfter) Tick(double loadSeconds)
    {
        var path = EmulatorThermalState.FileFor(settings.StateDirectory, profile.Name);
        var now = Now();
        var t = profile.Thermal;
        var (index, h0, h1) = EmulatorThermalState.Update(path, state =>
        {
            var idle = state.WallClock > 0 ? EmulatedIdleSeconds(Math.Max(0, now - state.WallClock), t.TimeScale) : 0;
            var before = state.Heat * Math.Exp(-idle / t.CoolTauS);
            var after = 1 - (1 - before) * Math.Exp(-loadSeconds / t.HeatTauS);
            var start = Math.Max(now, state.Clock + idle);
            return (new EmulatorThermalState(after, start + loadSeconds, state.Invocations + 1, now), (state.Invocations, before, after));
        });
        var seed = settings.Seed ?? (ulong)Environment.TickCount64 ^ (ulong)Environment.ProcessId << 32;
        return (EmulatorRandom.For(seed, index, profile.Name), h0, h1);
    }

    /// <summary>Idle wall time as emulated time: the first second passes as is (back-to-back invocations, whose gap
    /// is mostly the emulator's own start-up, must not cool the chip), the rest <paramref name="scale"/> times faster.</summary>
    internal static double EmulatedIdleSeconds(double wallGap, double scale) =>
        wallGap <= 1 ? wallGap : 1 + (wallGap - 1) * scale;

}
