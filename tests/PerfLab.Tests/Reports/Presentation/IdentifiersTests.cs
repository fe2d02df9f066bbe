using NUnit.Framework;
using PerfLab.Reports.Presentation;

namespace PerfLab.Tests.Reports.Presentation;

public sealed class IdentifiersTests
{
    [TestCase("GPU-e0000000-0000-4000-8000-000000000007", "GPU-e0000000\u20260007")]
    [TestCase("NVIDIA A100-SXM4-80GB (cuda-emu:GPU-1a2b3c4d-5e6f-4000-8000-0123456789ab)", "NVIDIA A100-SXM4-80GB (cuda-emu:GPU-1a2b3c4d\u202689ab)")]
    [TestCase("MIG-1a2b3c4d-5e6f-4000-8000-0123456789ab", "MIG-1a2b3c4d\u202689ab")]
    [TestCase("1a2b3c4d-5e6f-4000-8000-0123456789ab", "1a2b3c4d\u202689ab")]
    [TestCase("hailo-emulated:hailo-10h-emulated:0001:01:00.0", "hailo-emulated:hailo-10h-emulated:0001:01:00.0")]
    [TestCase("GPU-1a2b3c4d-5e6f", "GPU-1a2b3c4d-5e6f")]
    [TestCase("", "")]
    public void UUIDs_keep_their_first_group_and_everything_else_is_untouched(string text, string expected)
    {
        Assert.That(Identifiers.Shorten(text), Is.EqualTo(expected));
        Assert.That(Identifiers.IsShortened(text), Is.EqualTo(text != expected));
    }
}
