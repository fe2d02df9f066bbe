using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>An emulated Hailo device as described by <c>suites/devices/hailo-*.yaml</c>.</summary>
public sealed class HailoDeviceProfile
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Arch { get; set; } = "";
    public string? Board { get; set; }
    public string DeviceId { get; set; } = "0000:01:00.0";
    public string? Serial { get; set; }
    public string? Part { get; set; }
    public string? Product { get; set; }
    public string Firmware { get; set; } = "";
    public string HailortVersion { get; set; } = "";
    public bool PowerSensor { get; set; }
    public double? IdlePowerW { get; set; }
    /// <summary>Run-to-run noise: the sigma of a lognormal factor, in percent.</summary>
    public double NoisePct { get; set; } = 0.6;
    /// <summary>Sensor noise of each temperature figure, °C (normal sigma).</summary>
    public double TempNoiseC { get; set; } = 0.1;
    public HailoThermalModel Thermal { get; set; } = new();
    /// <summary>A stand-in HEF (relative to the profile) the thermal probe runs; absent when no model reports temperature.</summary>
    public string? ProbeHef { get; set; }
    public Dictionary<string, HailoModelFigures> Models { get; set; } = [];
    public List<HailoInjectedRegression> Regressions { get; set; } = [];

    /// <summary>The file this profile was read from.</summary>
    [YamlIgnore]
    public string SourcePath { get; set; } = "";

    public static HailoDeviceProfile Load(string path)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        HailoDeviceProfile? profile;
        try
        {
            profile = deserializer.Deserialize<HailoDeviceProfile>(File.ReadAllText(path));
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}:{e.Start.Line}:{e.Start.Column}: {e.InnerException?.Message ?? e.Message}", e);
        }
        if (profile is null) throw new InvalidDataException($"{path}: the profile is empty");
        profile.SourcePath = Path.GetFullPath(path);
        var problems = profile.Problems();
        if (problems.Count > 0) throw new InvalidDataException($"{path}: " + string.Join("; ", problems));
        return profile;
    }

    private List<string> Problems()
    {
        var p = new List<string>();
        if (Name.Length == 0) p.Add("missing 'name'");
        if (Arch.Length == 0) p.Add("missing 'arch'");
        if (Runners.Hailo.Parsing.HailoVersion.Parse(HailortVersion) is null) p.Add("'hailort_version' must be x.y.z");
        if (Runners.Hailo.Parsing.HailoVersion.Parse(Firmware) is null) p.Add("'firmware' must be x.y.z");
        foreach (var (id, m) in Models)
        {
            if (m.Fps is null or <= 0) p.Add($"model '{id}': 'fps' must be a positive number");
        }
        foreach (var r in Regressions)
        {
            if (r.Factor <= 0) p.Add($"regression on '{r.Metric}': 'factor' must be positive");
            if (HailoBuildOrder.Number(r.FromBuild) is null) p.Add($"regression on '{r.Metric}': 'from_build' must end in a number");
            if (r.ToBuild.Length > 0 && HailoBuildOrder.Number(r.ToBuild) is null) p.Add($"regression on '{r.Metric}': 'to_build' must end in a number");
            if (!(r.NoisePct >= 0 && r.NoisePct <= 100)) p.Add($"regression on '{r.Metric}': 'noise_pct' must be between 0 and 100");
        }
        return p;
    }
}

/// <summary>How the emulated chip heats under load and cools when idle.</summary>
public sealed class HailoThermalModel
{
    /// <summary>Simulation parameter (not a measured figure): the temperature the chip settles to when idle.</summary>
    public double IdleC { get; set; } = 45;
    public double HeatTauS { get; set; } = 10;
    public double CoolTauS { get; set; } = 60;

    /// <summary>How many emulated seconds pass per wall-clock second while the chip is idle (beyond a gap's first second).</summary>
    /// <remarks>Invocations do not sleep, so an emulated suite loads the chip for minutes in a few wall seconds; without
    /// the same compression for idle time a cool-down would wait real minutes for heat made in an instant.</remarks>
    public double TimeScale { get; set; } = 1;

    public double ThrottleAboveC { get; set; } = 95;
    /// <summary>FPS lost per °C above <see cref="ThrottleAboveC"/>, in percent.</summary>
    public double ThrottlePctPerC { get; set; } = 2;
}

/// <summary>A model's base figures on the emulated device (from its whitepaper); an absent figure is never printed.</summary>
public sealed class HailoModelFigures
{
    public string? Source { get; set; }
    /// <summary>Streaming FPS (run / run2 / 5.x benchmark / 4.x benchmark streaming).</summary>
    public double? Fps { get; set; }
    public double? FpsHwOnly { get; set; }
    public double? HwLatencyMs { get; set; }
    public double? OverallLatencyMs { get; set; }
    public double? TempMinC { get; set; }
    public double? TempAvgC { get; set; }
    public double? TempMaxC { get; set; }
    public double? PowerAvgW { get; set; }
    public double? PowerMaxW { get; set; }
    public double? PowerMinW { get; set; }

    public bool HasTemperature => TempMinC is not null && TempAvgC is not null && TempMaxC is not null;
}

/// <summary>An injected regression: <see cref="Factor"/> applied to <see cref="Metric"/> from build <see cref="FromBuild"/> on (up to
/// <see cref="ToBuild"/> where given), with extra noise <see cref="NoisePct"/>; a <see cref="Transient"/> one only in a build's first
/// measurement, not in its confirming rounds.</summary>
public sealed class HailoInjectedRegression
{
    /// <summary>fps, hw_latency, overall_latency, latency (both), power or temperature.</summary>
    public string Metric { get; set; } = "";
    /// <summary>The model it applies to; empty for every model.</summary>
    public string Model { get; set; } = "";
    public double Factor { get; set; } = 1;
    public string FromBuild { get; set; } = "";
    /// <summary>The last build it applies to; empty for every build from <see cref="FromBuild"/> on.</summary>
    public string ToBuild { get; set; } = "";
    /// <summary>Extra run-to-run noise while it applies: the sigma of a lognormal factor, in percent (0: none).</summary>
    public double NoisePct { get; set; }
    /// <summary>Applies only to a build's first measurement (PERFLAB_CONFIRM_ROUND 0 or unset): a one-night disturbance that a
    /// confirming re-measurement does not see.</summary>
    public bool Transient { get; set; }

    /// <summary>True when it applies to <paramref name="build"/> in confirming round <paramref name="confirmRound"/> (0: first measurement).</summary>
    public bool AppliesTo(string? build, int confirmRound) =>
        HailoBuildOrder.AtOrAfter(build, FromBuild)
        && (ToBuild.Length == 0 || HailoBuildOrder.AtOrAfter(ToBuild, build ?? ""))
        && (!Transient || confirmRound == 0);
}
