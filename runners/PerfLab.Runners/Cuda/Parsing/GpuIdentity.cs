using System.Globalization;

namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>Who a GPU is, from <c>nvidia-smi --query-gpu=index,name,uuid,driver_version,compute_cap,memory.total,...</c>.</summary>
public sealed record GpuIdentity(
    int? Index, string Name, string? Uuid, string? Driver, string? ComputeCapability, double? MemoryTotalMib,
    string? PciBusId, string? Serial, string? VbiosVersion)
{
    public static Parsed<IReadOnlyList<GpuIdentity>> Parse(string text, IReadOnlyList<string> fields)
    {
        var rows = NvidiaSmiCsv.Parse(text, fields);
        if (!rows.Ok) return Parsed<IReadOnlyList<GpuIdentity>>.Fail(rows.Error!);
        if (rows.Value!.Count == 0) return Parsed<IReadOnlyList<GpuIdentity>>.Fail("nvidia-smi listed no GPU");
        var list = new List<GpuIdentity>();
        foreach (var r in rows.Value)
        {
            var name = r.GetValueOrDefault("name");
            if (name is null) return Parsed<IReadOnlyList<GpuIdentity>>.Fail("a GPU row has no name");
            list.Add(new GpuIdentity(
                int.TryParse(r.GetValueOrDefault("index"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
                name, r.GetValueOrDefault("uuid"), r.GetValueOrDefault("driver_version"), r.GetValueOrDefault("compute_cap"),
                double.TryParse(r.GetValueOrDefault("memory.total"), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : null,
                r.GetValueOrDefault("pci.bus_id"), r.GetValueOrDefault("serial"), r.GetValueOrDefault("vbios_version")));
        }
        return Parsed<IReadOnlyList<GpuIdentity>>.Of(list);
    }
}
