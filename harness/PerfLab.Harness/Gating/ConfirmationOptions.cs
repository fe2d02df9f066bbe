namespace PerfLab.Harness.Gating;

/// <summary>How far <c>--confirm</c> may go: at most <see cref="Rounds"/> confirming rounds, each measuring
/// <see cref="Repetitions"/> repetitions per re-run case (null: the case's own count).</summary>
public sealed record ConfirmationOptions(int Rounds = 2, int? Repetitions = null)
{
    /// <summary>The most rounds one invocation may run: confirming is for a doubt, not a way to keep measuring until a pass.</summary>
    public const int MaxRounds = 5;

    /// <summary>The most repetitions per case and round.</summary>
    public const int MaxRepetitions = 1000;

    /// <summary>The problem with these options, or null when they are usable.</summary>
    public string? Problem() =>
        Rounds is < 1 or > MaxRounds ? $"--confirm-rounds must be between 1 and {MaxRounds}, found {Rounds}"
        : Repetitions is { } r && r is < 1 or > MaxRepetitions ? $"--confirm-repetitions must be between 1 and {MaxRepetitions}, found {Repetitions}"
        : null;
}
