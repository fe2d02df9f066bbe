namespace PerfLab.Harness.Gating;

/// <summary>A series the candidate build re-measured in confirming rounds: its first samples (set aside) and its confirming samples
/// (judged), each as a count and median.</summary>
/// <param name="Rounds">How many confirming rounds hold samples of this series.</param>
public sealed record GateConfirmation(int Rounds, int FirstCount, double FirstMedian, int ConfirmingCount, double ConfirmingMedian);
