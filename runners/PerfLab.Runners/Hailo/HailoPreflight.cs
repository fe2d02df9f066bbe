using PerfLab.Harness.Execution;
using System.Security.Cryptography;
using PerfLab.Harness.Domain;
using PerfLab.Runners.Hailo.Parsing;

namespace PerfLab.Runners.Hailo;

/// <summary>The checks every Hailo step makes before measuring: tool version, device identity, and the HEF.</summary>
internal static class HailoPreflight
{
    /// <summary>The property of a <see cref="Device"/> holding the id passed to <c>-s</c> (e.g. "0001:01:00.0").</summary>
    public const string DeviceIdProperty = "device_id";

    /// <summary>What every HEF step does before running: read its arguments, identify the device and check the HEF
    /// against it. Returns the prepared step, or the failure to return as the step's outcome.</summary>
    public static async Task<(PreparedHefStep? Step, StepOutcome? Failure)> PrepareHefStepAsync(
        HailoSession s, StepContext context, HailoStepArgs.Keys accepted)
    {
        var (args, problems) = HailoStepArgs.Read(context.Step.With, accepted);
        if (problems.Count > 0)
            return (null, s.Fail(HailoFailureClasses.InvalidArguments, string.Join("; ", problems.Select(p => $"{p.Position}: {p.Message}"))));
        var (target, failure) = await IdentifyAsync(s, context.Device).ConfigureAwait(false);
        if (target is null) return (null, failure);
        var hefPath = context.ResolvePath(args.Hef!);
        var (hef, hefFailure) = await CheckHefAsync(s, hefPath, target).ConfigureAwait(false);
        if (hef is null) return (null, hefFailure);
        return (new PreparedHefStep(args, target, hefPath, hef), null);
    }

    public static async Task<(HailoTarget? Target, StepOutcome? Failure)> IdentifyAsync(HailoSession s, Device device)
    {
        var version = await s.CallAsync("version", ["--version"], keep: false).ConfigureAwait(false);
        if (s.FailureOf(version, "hailortcli --version") is { } vf) return (null, vf);
        var parsed = HailoVersion.FromCliOutput(version.Stdout.Text);
        if (parsed is null)
            return (null, s.Fail(FailureClass.GarbageOutput, $"hailortcli --version printed no 'HailoRT-CLI version x.y.z': '{version.Stdout.Text.Trim()}'"));
        s.Fact("hailort_version", parsed.ToString(), key: true);

        var deviceId = device.Properties.GetValueOrDefault(DeviceIdProperty);
        var identify = await s.CallAsync("identify", ["fw-control", "identify", .. (deviceId is null ? Array.Empty<string>() : ["-s", deviceId])], keep: false).ConfigureAwait(false);
        if (s.FailureOf(identify, "hailortcli fw-control identify") is { } idf) return (null, idf);
        var identities = HailoIdentifyParser.Parse(identify.Stdout.Text);
        var identity = identities.FirstOrDefault(i => deviceId is null || i.DeviceId == deviceId) ?? identities.FirstOrDefault();
        if (identity is null)
            return (null, s.Fail(FailureClass.DeviceUnavailable, "hailortcli fw-control identify listed no device (driver loaded? module seated?)"));
        RecordIdentity(s, identity);
        return (new HailoTarget(parsed, identity, deviceId), null);
    }

    public static void RecordIdentity(HailoSession s, HailoIdentity identity)
    {
        s.Fact("firmware_version", identity.FirmwareVersion, key: true);
        s.Fact("arch", identity.Architecture, key: true);
        s.Fact("board", identity.BoardName);
        s.Fact("serial", identity.SerialNumber);
        s.Fact("part", identity.PartNumber);
        s.Fact("product", identity.ProductName);
        s.Fact("hailo_device_id", identity.DeviceId);
    }

    /// <summary>Hashes and parses the HEF; refuses (without running it) a HEF the device's arch cannot run.</summary>
    public static async Task<(HefDescription? Hef, StepOutcome? Failure)> CheckHefAsync(HailoSession s, string hefPath, HailoTarget target)
    {
        string sha;
        try
        {
            await using var stream = File.OpenRead(hefPath);
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, s.Fail(HailoFailureClasses.HefMissing, $"HEF '{hefPath}' cannot be read: {e.Message}"));
        }
        s.Fact("hef_sha256", sha, key: true);
        s.Fact("hef_file", Path.GetFileName(hefPath));

        var parse = await s.CallAsync("parse-hef", ["parse-hef", hefPath], keep: false).ConfigureAwait(false);
        if (s.FailureOf(parse, "hailortcli parse-hef") is { } pf) return (null, pf);
        var hef = HefParser.Parse(parse.Stdout.Text);
        if (hef is null)
            return (null, s.Fail(FailureClass.GarbageOutput, "hailortcli parse-hef printed no network group"));
        s.Fact("hef_archs", hef.CompatibleArchs.Count == 0 ? null : string.Join(", ", hef.CompatibleArchs));
        s.Fact("hef_network_groups", string.Join(", ", hef.NetworkGroups));
        s.Fact("hef_inputs", hef.DescribeStreams(StreamDirection.Input));
        s.Fact("hef_outputs", hef.DescribeStreams(StreamDirection.Output));
        if (hef.CompatibleArchs.Count == 0)
            s.Checks.Add(new Check("hef-arch", true, "parse-hef names no architecture (HailoRT ≤4.10); compatibility not checked"));
        if (!hef.RunsOn(target.Architecture))
        {
            return (null, s.Fail(FailureClass.HefIncompatible,
                $"HEF {Path.GetFileName(hefPath)} is compatible with {string.Join(", ", hef.CompatibleArchs)}; the device is {target.Architecture}. Not run."));
        }
        return (hef, null);
    }
}

/// <summary>A HEF step whose arguments, device and HEF have passed preflight.</summary>
internal sealed record PreparedHefStep(HailoStepArgs Args, HailoTarget Target, string HefPath, HefDescription Hef);
