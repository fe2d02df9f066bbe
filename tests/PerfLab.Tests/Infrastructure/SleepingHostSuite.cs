namespace PerfLab.Tests.Infrastructure;

/// <summary>Writes a host suite whose cases each sleep and then print one figure, so a run can be caught (interrupted, killed,
/// overlapped) mid-way.</summary>
public static class SleepingHostSuite
{
    /// <summary>The suite's path: <paramref name="cases"/> cases of <paramref name="seconds"/> each, in <paramref name="dir"/>.</summary>
    public static string Write(string dir, string name, int cases, double seconds)
    {
        var path = Path.Combine(dir, name + ".yaml");
        var points = string.Join(", ", Enumerable.Range(1, cases));
        File.WriteAllText(path, $$"""
            name: {{name}}
            description: sleeps per case
            version: "1"
            scope: host-measurement
            requires:
              - family: host
            defaults: {repetitions: 1, warmup: 0, timeout: 1m}
            matrix:
              n: [{{points}}]
            metrics:
              - {name: value, unit: x, better: higher}
            steps:
              - name: sleep
                runner: command
                with:
                  shell: "sleep {{seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}; echo value=${n}"
                extract:
                  - { metric: value, regex: "value=(?<value>[0-9]+)" }
            """);
        return path;
    }
}
