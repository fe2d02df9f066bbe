using System.Globalization;
using System.Security.Cryptography;

namespace PerfLab.Harness.Execution;

/// <summary>Makes run ids that sort by start time, read well in reports, and stay unique across merged farms.</summary>
/// <remarks>Format <c>yyyyMMddTHHmmssZ-xxxxxxxxxxxx</c>: the UTC start second plus 48 random bits, so two hosts
/// starting in the same second still differ, and a merge can use the id alone to recognise a run it already has.</remarks>
public static class RunIds
{
    public static string New(DateTimeOffset startedAt) =>
        startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" +
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
