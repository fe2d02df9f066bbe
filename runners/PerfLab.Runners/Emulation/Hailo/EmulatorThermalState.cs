using System.Globalization;
using System.Text.Json;

namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>The emulated chip's heat between invocations, kept in a small JSON file per profile.</summary>
/// <param name="Heat">0 = idle temperature, 1 = the model's sustained-load temperature.</param>
/// <param name="Clock">The emulated clock (Unix seconds) at the end of the last load. It advances by each load's duration
/// and by idle wall time times the profile's time scale, so it runs ahead of wall time.</param>
/// <param name="Invocations">How many tool calls the device has had: the index of each call's noise stream.</param>
/// <param name="WallClock">Wall time (Unix seconds) at the last call; the idle gap is measured from here.</param>
public sealed record EmulatorThermalState(double Heat, double Clock, long Invocations, double WallClock = 0)
{
    public static EmulatorThermalState Fresh { get; } = new(0, 0, 0, 0);

    public static string FileFor(string stateDirectory, string profileName) =>
        Path.Combine(stateDirectory, profileName + ".state.json");

    /// <summary>Reads, changes and writes the state under an exclusive lock, so concurrent calls serialise.</summary>
    public static T Update<T>(string path, Func<EmulatorThermalState, (EmulatorThermalState Next, T Result)> change)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                var current = Read(file);
                var (next, result) = change(current);
                file.SetLength(0);
                JsonSerializer.Serialize(file, next);
                return result;
            }
            catch (IOException) when (attempt < 100)
            {
                Thread.Sleep(20);
            }
        }
    }

    private static EmulatorThermalState Read(FileStream file)
    {
        if (file.Length == 0) return Fresh;
        try { return JsonSerializer.Deserialize<EmulatorThermalState>(file) ?? Fresh; }
        catch (JsonException) { return Fresh; }
        finally { file.Position = 0; }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"heat {Heat:0.###} at {Clock:0.#} after {Invocations} calls");
}
