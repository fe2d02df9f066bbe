namespace PerfLab.Tests.Infrastructure;

/// <summary>Writes a host suite whose one step prints a figure near 100 that a shell script disturbs per build and confirming round
/// (PERFLAB_BUILD, PERFLAB_CONFIRM_ROUND, PERFLAB_REPETITION): the three nights <c>--confirm</c> must tell apart, from
/// <paramref name="fromBuild"/> on. The figures are a deterministic function of build, round and repetition, spread ±0.5 %.</summary>
public static class DisturbedHostSuite
{
    /// <summary>What happens from the disturbed build on.</summary>
    public enum Kind
    {
        /// <summary>10 % lower in the build's first measurement only (a one-night slowdown a re-measurement does not see).</summary>
        Transient,

        /// <summary>10 % lower in every measurement (a real regression).</summary>
        Real,

        /// <summary>Spread ±25 % in every measurement, centred where it was (a device that stays noisy).</summary>
        Noisy,
    }

    /// <summary>The suite's path, in <paramref name="dir"/>, with one matrix point per kind.</summary>
    public static string Write(string dir, int fromBuild, params Kind[] kinds)
    {
        File.WriteAllText(Path.Combine(dir, "device.sh"), $$"""
            #!/bin/sh
            awk -v kind="$1" -v b="${PERFLAB_BUILD:-0}" -v r="${PERFLAB_CONFIRM_ROUND:-0}" -v i="${PERFLAB_REPETITION:-0}" 'BEGIN {
              h = (b * 7919 + r * 104729 + i * 1299709 + length(kind) * 15485863) % 1000003;
              u = (h % 1000) / 1000 - 0.5;
              sigma = (kind == "noisy" && b >= {{fromBuild}}) ? 0.5 : 0.01;
              v = 100 * (1 + sigma * u);
              if (kind == "transient" && b >= {{fromBuild}} && r == 0) v = v * 0.9;
              if (kind == "real" && b >= {{fromBuild}}) v = v * 0.9;
              printf "value=%.4f\n", v;
            }'
            """.Replace("\r", ""));
        var path = Path.Combine(dir, "disturbed.yaml");
        File.WriteAllText(path, $$"""
            name: disturbed
            description: a figure that a script disturbs per build and confirming round
            version: "1"
            scope: host-measurement
            requires:
              - family: host
            defaults: {repetitions: 5, warmup: 0, timeout: 1m}
            matrix:
              kind: [{{string.Join(", ", kinds.Select(k => k.ToString().ToLowerInvariant()))}}]
            metrics:
              - {name: value, unit: x, better: higher, gate: {budget_pct: 5} }
            steps:
              - name: measure
                runner: command
                with:
                  shell: "sh ${suite_dir}/device.sh ${kind}"
                extract:
                  - { metric: value, regex: "value=(?<value>[0-9.]+)" }
            """);
        return path;
    }
}
