using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Suites;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Suites;

/// <summary>Matrix expansion: axes as a cartesian product in written order, include points, per-point device selectors.</summary>
public sealed class MatrixTests
{
    private const string Head = "name: m\ndescription: d\nversion: 1\nscope: emulated\n";
    private const string Step = "steps: [{ name: s, runner: argv-test, with: { argv: [x] } }]\n";

    private static IReadOnlyList<MatrixPoint> Expand(string matrixYaml)
    {
        var result = ArgvTestRunner.Loader().LoadText(Head + Step + matrixYaml, "m.yaml");
        Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
        return result.Suite!.Matrix;
    }

    private static string Values(MatrixPoint p) => string.Join(",", p.Values.Select(kv => $"{kv.Key}={kv.Value}"));

    [Test]
    public void Product_FirstAxisOutermost_ValuesInWrittenOrder()
    {
        var points = MatrixExpansion.Product([("a", ["2", "1"]), ("b", ["x"]), ("c", ["p", "q"])]);
        Assert.That(points.Select(Values), Is.EqualTo(new[]
        {
            "a=2,b=x,c=p", "a=2,b=x,c=q", "a=1,b=x,c=p", "a=1,b=x,c=q",
        }));
        Assert.That(points.Select(p => p.Requires), Is.All.Null);
    }

    [Test]
    public void Product_OfNoAxes_IsOneEmptyPoint()
    {
        Assert.That(MatrixExpansion.Product([]).Single().Values, Is.Empty);
    }

    [Test]
    public void AxesAndIncludes_AppendIncludedPointsAfterTheProduct()
    {
        var points = Expand("matrix:\n  model: [yolo, resnet]\n  batch: [1, 8]\n  include:\n    - { model: vit, batch: 1, requires: { arch: hailo10h } }\n");
        Assert.That(points.Select(Values), Is.EqualTo(new[]
        {
            "model=yolo,batch=1", "model=yolo,batch=8", "model=resnet,batch=1", "model=resnet,batch=8", "model=vit,batch=1",
        }));
        Assert.That(points[4].Requires!.Labels["arch"], Is.EqualTo(new[] { "hailo10h" }));
        Assert.That(points[4].Label, Is.EqualTo("batch=1,model=vit"));
    }

    [Test]
    public void IncludeOnly_PointsDefineTheAxes_AndTheirVariables()
    {
        var result = ArgvTestRunner.Loader().Load(RepoPaths.Fixture("suites", "good", "include-only.yaml"));
        Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
        var points = result.Suite!.Matrix;
        Assert.That(points.Select(Values), Is.EqualTo(new[] { "model=qwen,context=4096", "model=llama,context=8192" }));
        Assert.That(points[0].Requires, Is.Null);
        Assert.That(points[1].Requires!.Labels["gpu"], Is.EqualTo(new[] { "h100" }));
    }

    [Test]
    public void IncludeOnly_PointsMustGiveTheSameAxes()
    {
        var errors = ArgvTestRunner.Loader().LoadText(Head + Step + "matrix:\n  include:\n    - { a: 1 }\n    - { b: 2 }\n", "m.yaml").Errors;
        Assert.That(errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "m.yaml:9:7: 'matrix.include[1]' gives axes (b) but the first point gives (a); without declared axes every included point must give the same ones",
        }));
    }

    [Test]
    public void EmptyMatrix_IsOneEmptyPoint()
    {
        Assert.That(Expand("matrix: {}\n").Single().Values, Is.Empty);
    }

    [Test]
    public void AxisProblems_EmptyDuplicateValueReservedName()
    {
        var errors = ArgvTestRunner.Loader().LoadText(Head + Step + "matrix:\n  a: []\n  b: [1, 1]\n  suite_dir: [x]\n  c-d: [y]\n  e: 5\n", "m.yaml").Errors;
        Assert.That(errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "m.yaml:7:6: matrix axis 'a' must be a non-empty list of values, got an empty list",
            "m.yaml:8:10: matrix axis 'b' lists value '1' twice (first at 8:7)",
            "m.yaml:9:3: matrix axis 'suite_dir' is a reserved variable name",
            "m.yaml:10:3: matrix axis 'c-d' must be a name of letters, digits and '_' (it is used as ${c-d})",
            "m.yaml:11:6: matrix axis 'e' must be a non-empty list of values, got a scalar",
        }));
    }

    [Test]
    public void TopLevelRequires_MustBeAListOfSelectors()
    {
        var errors = ArgvTestRunner.Loader().LoadText(Head + Step + "requires: { family: host }\n", "r.yaml").Errors;
        Assert.That(errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "r.yaml:6:11: 'requires' must be a list of device selectors (e.g. '- family: host'), got a map",
        }));
    }
}
