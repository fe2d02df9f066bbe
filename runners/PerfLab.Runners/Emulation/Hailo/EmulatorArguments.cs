using System.Globalization;

namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>The few hailortcli options the emulator understands, read from an argv slice.</summary>
internal sealed class EmulatorArguments
{
    private static readonly HashSet<string> Valued =
    [
        "-t", "--time-to-run", "-c", "--frames-count", "--batch-size", "--csv", "-j", "--json", "-s", "--device-id",
        "-m", "--mode", "--duration", "--power-mode", "--sampling-period", "--averaging-factor", "--no-power",
        "--input-files", "--scheduling-algorithm", "--device-count", "--bdf", "--dvm", "--type",
    ];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public EmulatorArguments(IEnumerable<string> args)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var a = e.Current;
            if (Valued.Contains(a))
            {
                _values[a] = e.MoveNext() ? e.Current : "";
            }
            else if (a.StartsWith('-'))
            {
                _flags.Add(a);
            }
            else
            {
                Positional.Add(a);
            }
        }
    }

    public List<string> Positional { get; } = [];

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(params string[] names) =>
        names.Select(n => _values.GetValueOrDefault(n)).FirstOrDefault(v => v is not null);

    public double? Number(params string[] names) =>
        double.TryParse(Value(names), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
