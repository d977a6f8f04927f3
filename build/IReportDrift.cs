using Pipeline.Ci.Drift;
using Pipeline.Ci.GitHub;
using Pipeline.Engine;

/// <summary>ReportDrift: in GitHub Actions, one issue per dataset while drift lasts, closed when a check finds none.</summary>
interface IReportDrift : ICheckDrift, IReportMetrics
{
    Target ReportDrift => _ => _
        .Description("In GitHub Actions: open or update the dataset's drift issue when CheckDrift found drift, close it when it found none")
        .After<ICheckDrift>(x => x.CheckDrift)
        .OnlyWhenDynamic(() => State.Drift != null, () => "CheckDrift did not run in this build")
        .Executes(async cancellationToken =>
        {
            if (GitHubRunContext.FromEnvironment(GitHubRunContext.ProcessEnvironment()) is not { } run || string.IsNullOrEmpty(GitHubToken))
            {
                Log.Information("Not in GitHub Actions with a token: no drift issue to open or close.");
                return;
            }
            var outcome = await DriftIssue.PublishAsync(Spec.Name, State.Drift!, run, GitHubToken, cancellationToken);
            if (outcome.Succeeded) Log.Information(outcome.Message); else Log.Warning(outcome.Message);
        });
}
