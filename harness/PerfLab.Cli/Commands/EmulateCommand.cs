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
        "Usage: perflab emulate hailortcli --profile suites/devices/<profile>.yaml <tool arguments...>\n" +
        $"       perflab emulate <{CudaEmulator.NvidiaSmiTool}|{CudaEmulator.HydraBenchmarkTool}> <tool arguments...>   (profile from ${CudaEmulatorSettings.ProfileVariable})\n" +
        "Emulated results are scope 'emulated' and never evidence.");

    public static int Dispatch(string[] args)
    {
        if (args.Length == 0) return Usage();
        switch (args[0])
        {
            case "hailortcli":
                if (args.Length < 3 || args[1] != "--profile") return Usage();
                if (!File.Exists(args[2]))
                {
                    System.Console.Error.WriteLine($"perflab emulate: {args[2]}: no such profile");
                    return ExitCodes.InvalidInput;
                }
                return HailoEmulator.RunFromCommandLine(args[2], args[3..], System.Console.Out, System.Console.Error);
            case CudaEmulator.NvidiaSmiTool or CudaEmulator.HydraBenchmarkTool:
                // nvidia-smi -lms streams rows to a reader that is still running: every row must leave at once.
                using (var stdout = new StreamWriter(System.Console.OpenStandardOutput()) { AutoFlush = true })
                {
                    return CudaEmulator.FromProcessEnvironment().Run(args, stdout, System.Console.Error);
                }
            default:
                return Unknown(args[0]);
        }
    }

    private static int Usage()
    {
        System.Console.Error.WriteLine("usage: perflab emulate hailortcli --profile FILE [tool arguments...]");
        System.Console.Error.WriteLine($"       perflab emulate <{CudaEmulator.NvidiaSmiTool}|{CudaEmulator.HydraBenchmarkTool}> [tool arguments...]");
        return ExitCodes.InvalidInput;
    }

    private static int Unknown(string tool)
    {
        System.Console.Error.WriteLine($"perflab emulate: unknown tool '{tool}' (known: {string.Join(", ", Tools)})");
        return ExitCodes.InvalidInput;
    }
}
