using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Execution;

/// <summary>Expands a suite into cases: every matrix point on every device the suite (and the point) accepts.</summary>
public static class CasePlanner
{
    public static CasePlan Plan(Suite suite, IReadOnlyList<Device> devices)
    {
        var cases = new List<PlannedCase>();
        var skipped = new List<SkippedDevice>();
        foreach (var device in devices)
        {
            if (!AcceptsDevice(suite, device))
            {
                skipped.Add(new SkippedDevice(device, $"suite requires {DescribeRequires(suite)}"));
                continue;
            }
            var points = suite.Matrix.Where(p => p.Requires is null || p.Requires.Matches(device)).ToList();
            if (points.Count == 0)
            {
                skipped.Add(new SkippedDevice(device, "no matrix point accepts this device"));
                continue;
            }
            cases.AddRange(points.Select(p => new PlannedCase(suite, p, device)));
        }
        return new CasePlan(cases, skipped);
    }

    public static bool AcceptsDevice(Suite suite, Device device) =>
        suite.Requires.Count == 0 || suite.Requires.Any(r => r.Matches(device));

    private static string DescribeRequires(Suite suite) =>
        string.Join(" or ", suite.Requires.Select(r => "{" + r + "}"));
}

/// <summary>The cases to run, and the devices left out with the reason.</summary>
public sealed record CasePlan(IReadOnlyList<PlannedCase> Cases, IReadOnlyList<SkippedDevice> Skipped);

/// <summary>A device a suite does not run on, and why.</summary>
public sealed record SkippedDevice(Device Device, string Reason);
