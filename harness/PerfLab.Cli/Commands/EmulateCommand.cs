using System.CommandLine;
using PerfLab.Runners.Emulation.Cuda;
using PerfLab.Runners.Emulation.Hailo;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab emulate TOOL --profile FILE ARGS...</c>: behaves like a device tool for an emulated device.</summary>
/// <remarks>Dispatched before the command-line parser: the emulated tool must see its own arguments verbatim,
/// including ones perflab itself would claim (<c>--version</c>, <c>-h</c>).</remarks>
internal static class EmulateCommand
{
    public const string Name = "emulate";

    private static readonly string[] Tools = ["hailortcli", CudaEmulator.NvidiaSmiTool, CudaEmulator.HydraBenchmarkTool];

    /// <summary>A help-only entry so <c>perflab --help</c> lists the verb; the real work is in <see cref="Dispatch"/>.</summary>
    public static Command Create() => new(Name,
        "Behave like a device tool for an emulated device profile (used by the emulated farm's PATH shims).\n" +
        $"Usage: perflab emulate <{string.Join("|", Tools)}> --profile suites/devices/<profile>.yaml <tool arguments...>\n" +
        "Emulated results are scope 'emulated' and never evidence.");

    public static int Dispatch(string[] args)
    {
        // The CUDA emulator reads its GPU profile from the environment the shim sets, not from --profile.
        if (args.Length > 0 && args[0] is CudaEmulator.NvidiaSmiTool or CudaEmulator.HydraBenchmarkTool)
            return CudaEmulator.FromProcessEnvironment().Run(args, System.Console.Out, System.Console.Error);
        if (args.Length < 3 || args[1] != "--profile")
        {
            System.Console.Error.WriteLine($"usage: perflab emulate <{string.Join("|", Tools)}> --profile FILE [tool arguments...]");
            return ExitCodes.InvalidInput;
        }
        var tool = args[0];
        var profile = args[2];
        var rest = args[3..];
        if (!File.Exists(profile))
        {
            System.Console.Error.WriteLine($"perflab emulate: {profile}: no such profile");
            return ExitCodes.InvalidInput;
        }
        return tool switch
        {
            "hailortcli" => HailoEmulator.RunFromCommandLine(profile, rest, System.Console.Out, System.Console.Error),
            _ => Unknown(tool),
        };
    }

    private static int Unknown(string tool)
    {
        System.Console.Error.WriteLine($"perflab emulate: unknown tool '{tool}' (known: {string.Join(", ", Tools)})");
        return ExitCodes.InvalidInput;
    }
}
