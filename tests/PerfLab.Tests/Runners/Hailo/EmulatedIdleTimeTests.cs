using NUnit.Framework;
using PerfLab.Runners.Emulation.Hailo;

namespace PerfLab.Tests.Runners.Hailo;

public class EmulatedIdleTimeTests
{
    [TestCase(0.0, 0.0)]
    [TestCase(0.4, 0.4)]
    [TestCase(1.0, 1.0)]
    [TestCase(2.0, 31.0)]
    [TestCase(11.0, 301.0)]
    public void Only_idle_time_beyond_the_first_second_is_compressed(double wall, double emulated) =>
        Assert.That(EmulatedHailoChip.EmulatedIdleSeconds(wall, 30), Is.EqualTo(emulated).Within(1e-9));
}
