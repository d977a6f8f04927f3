using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Gate;

namespace Pipeline.Modeling.Steps;

/// <summary>What Evaluate says about the metric gate's verdict: the table, advice, and the failure sentence.</summary>
static class GateOutcome
{
    /// <summary>Logs the gate's table and advice; throws when it failed.</summary>
    /// <exception cref="ModelingException">The gate failed: why, and what to do.</exception>
    public static void Report(GateResult gate, GateSettings policy, string configurationSource, string rootDirectory, StepLog log)
    {
        var relativeVerified = Path.GetRelativePath(rootDirectory, gate.Location.VerifiedPath);
        log.Info($"Metric gate against {relativeVerified}:{Environment.NewLine}{gate.Table}");
        if (gate.Passed && gate.Rows.Any(r => r.Verdict == MetricVerdict.Improved))
            log.Info($"Some metrics improved beyond tolerance; run ./build.sh AcceptMetrics to record them in {relativeVerified}.");
        if (gate.SnapshotProblem is not null && gate.Passed) log.Warn(gate.SnapshotProblem + " The gate passed on the absolute floors only (onMissingSnapshot = warn).");
        if (!gate.Passed)
            throw new ModelingException(FailureMessage(gate, policy, configurationSource, Path.GetRelativePath(rootDirectory, gate.Location.ReceivedPath), relativeVerified));
    }

    // The old/new/delta table is already in the log; the message says why and what to do. A floor is not moved by
    // accepting new numbers, so when only floors fail the advice points at them.
    static string FailureMessage(GateResult gate, GateSettings policy, string configurationSource, string relativeReceived, string relativeVerified)
    {
        var reasons = gate.Rows.Where(r => r.Fails).Select(r => r.Verdict == MetricVerdict.BelowFloor
            ? $"{r.Metric} {r.Received:F4} is past its floor {r.Floor:F4}"
            : $"{r.Metric} regressed by {Math.Abs(r.Delta ?? 0):F4} (tolerance {r.Tolerance:F4})").ToList();
        var missingSnapshotFails = gate.SnapshotProblem is not null && policy.OnMissingSnapshot == MissingSnapshotPolicy.Fail;
        if (missingSnapshotFails) reasons.Insert(0, gate.SnapshotProblem!.TrimEnd('.'));
        var onlyFloors = !missingSnapshotFails && gate.Rows.Where(r => r.Fails).All(r => r.Verdict == MetricVerdict.BelowFloor);
        return onlyFloors
            ? $"The metric gate failed: {string.Join("; ", reasons)} (gate.floors in {configurationSource}); a model below its floors is not registered."
            : $"The metric gate failed: {string.Join("; ", reasons)}. If the new numbers are intended, review " +
              $"{relativeReceived} and run ./build.sh AcceptMetrics to copy it over {relativeVerified}.";
    }
}
