using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Suites;

/// <summary>Turns matrix axes into points: the cartesian product, first axis outermost, values in written order.</summary>
internal static class MatrixExpansion
{
    public static IReadOnlyList<MatrixPoint> Product(IReadOnlyList<(string Axis, IReadOnlyList<string> Values)> axes)
    {
        IEnumerable<IReadOnlyList<(string Axis, string Value)>> points = [[]];
        foreach (var (axis, values) in axes)
        {
            points = points.SelectMany(p => values.Select(v => (IReadOnlyList<(string, string)>)[.. p, (axis, v)])).ToList();
        }
        return points.Select(p => new MatrixPoint(ToValues(p), null)).ToList();
    }

    public static IReadOnlyDictionary<string, string> ToValues(IEnumerable<(string Axis, string Value)> pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (axis, value) in pairs) values[axis] = value;
        return values;
    }
}
