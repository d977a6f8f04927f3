namespace Pipeline.Build.Tests;

/// <summary>
/// Redeploy ships a retrained model only when Retrain made it production and a deployment is configured; otherwise
/// the build says in words why nothing is shipped, and no training target runs.
/// </summary>
public sealed class RedeployConditionTests
{
    private const string Dataset = "ecommerce-conversion";

    [Fact]
    public void Redeploy_IsSkippedWithTheReason_WhenNothingWasRetrained()
    {
        using var checkout = new TemporaryDirectory();
        BuildProcess.PrepareCheckout(checkout.Path);
        // The reference data itself as current data: nothing drifts, so Retrain is skipped and nothing is promoted.
        var current = Path.Combine(checkout.Path, "data", $"{Dataset}.csv");

        var (exitCode, output) = BuildProcess.Run(checkout.Path, "Redeploy", "--dataset", Dataset, "--current", current, "--environment", "local");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"Skipping Retrain: no drift found in {current}.", output);
        Assert.Contains("Skipping Redeploy: Retrain did not run in this build (no drift found, or it was skipped), so there is no retrained version to ship.", output);
        Assert.DoesNotMatch(@"\n(Train|Evaluate|Register|Containerize)\s", output);
    }
}
