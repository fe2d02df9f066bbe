using PerfLab.Runners.Hailo;
using PerfLab.Runners.Hailo.Parsing;

namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>The refusals hailortcli prints before it runs anything: wrong device id, missing or unreadable HEF, a HEF
/// for another architecture, a model the profile has no figures for.</summary>
internal static class HailortcliChecks
{
    internal static int? WrongDevice(EmulatedHailoChip chip, EmulatorArguments a, TextWriter stderr)
    {
        var id = a.Value("-s", "--device-id");
        if (id is null || id == chip.Profile.DeviceId) return null;
        stderr.WriteLine($"[HailoRT CLI] [error] CHECK_SUCCESS failed with status=HAILO_NOT_FOUND(61) - PerfLab emulator: no device {id} (this one is {chip.Profile.DeviceId})");
        return 61;
    }

    internal static (StandInHef? Hef, int? Exit) LoadHef(string? path, TextWriter stderr)
    {
        if (path is null)
        {
            stderr.WriteLine("hef_path is required");
            stderr.WriteLine("Run with --help for more information.");
            return (null, 106);
        }
        if (!File.Exists(path))
        {
            stderr.WriteLine($"hef_path: File does not exist: {path}");
            stderr.WriteLine("Run with --help for more information.");
            return (null, 105);
        }
        var hef = StandInHef.TryRead(path);
        if (hef is null)
        {
            stderr.WriteLine($"[HailoRT] [error] CHECK failed - PerfLab emulator reads only stand-in HEFs (JSON with perflab_stand_in_hef: 1); '{path}' is not one");
            stderr.WriteLine("[HailoRT CLI] [error] CHECK_SUCCESS failed with status=HAILO_HEF_FILE_CORRUPTED(91) - Failed reading hef");
            return (null, 91);
        }
        return (hef, null);
    }

    /// <summary>Checks the HEF against this device the way libhailort does when configuring; null when it may run.</summary>
    internal static int? Incompatible(EmulatedHailoChip chip, StandInHef hef, TextWriter stderr)
    {
        if (hef.CompatibleArchs.Any(x => string.Equals(x, chip.Profile.Arch, StringComparison.OrdinalIgnoreCase))) return null;
        const string status = "HAILO_HEF_NOT_COMPATIBLE_WITH_DEVICE(93)";
        var hefArch = string.Join(", ", hef.CompatibleArchs);
        if (chip.Generation5)
            stderr.WriteLine($"[HailoRT] [error] CHECK failed - HEF format is not compatible with device. Device arch: {chip.Profile.Arch} , HEF compatible for: {hefArch} ");
        else if (hef.CompatibleArchs.All(x => !HailoTarget.IsHailo8Family(x)))
            stderr.WriteLine($"[HailoRT] [error] CHECK failed - HEF arch {hef.CompatibleArchs[0]} is not valid. Please use HailoRT v5.x instead.");
        else
            stderr.WriteLine($"[HailoRT] [error] CHECK failed - HEF format is not compatible with device. Device arch: {chip.Profile.Arch}, HEF arch: {hefArch}");
        stderr.WriteLine($"[HailoRT] [error] CHECK_SUCCESS failed with status={status}");
        stderr.WriteLine($"[HailoRT CLI] [error] CHECK_SUCCESS failed with status={status} - Failed configure vdevice from hef");
        return 93;
    }

    internal static (StandInHef? Hef, HailoModelFigures? Model, int? Exit) Prepare(EmulatedHailoChip chip, EmulatorArguments a, string? hefPath, TextWriter stderr)
    {
        if (HailortcliChecks.WrongDevice(chip, a, stderr) is { } wrong) return (null, null, wrong);
        var (hef, exit) = HailortcliChecks.LoadHef(hefPath, stderr);
        if (hef is null) return (null, null, exit);
        if (HailortcliChecks.Incompatible(chip, hef, stderr) is { } bad) return (null, null, bad);
        if (!chip.Profile.Models.TryGetValue(hef.Model, out var model))
        {
            stderr.WriteLine($"[HailoRT CLI] [error] PerfLab emulator: profile '{chip.Profile.Name}' has no figures for model '{hef.Model}'");
            return (null, null, 8);
        }
        return (hef, model, null);
    }
}
