using Pipeline.Delivery.Traffic;
using Pipeline.Engine;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Promotion;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;
using Pipeline.Modeling.Steps;

/// <summary>CompareVersions and PromoteChallenger: the champion against a canary or shadow on the traffic the local deployment logged.</summary>
interface ICompareVersions : IDeploy
{
    [Parameter("Registry version compared with the production version (default: --canary-version, else --shadow-version)")]
    int? ChallengerVersion => TryGetValue(() => ChallengerVersion);

    [Parameter("CSV of outcomes joined back to logged requests: a requestId (the X-Request-Id answers carry) or routingKey column, and a label column (1/0)")]
    string? Labels => TryGetValue(() => Labels);

    Target CompareVersions => _ => _
        .Description("Compare the production version with a challenger on the deployment's inference log (score distributions; the promotion rule on --labels)")
        .ReadOnly()
        .Executes(() => Log.Information(CompareOnLoggedTraffic().Report));

    Target PromoteChallenger => _ => _
        .Description("Compare as CompareVersions does and promote the challenger to production when the promotion rule says so; otherwise production stays")
        .Executes(() =>
        {
            var comparison = CompareOnLoggedTraffic();
            Log.Information(comparison.Report);
            if (comparison.Promote)
            {
                new PromotionStep(Workspace, StepLogs.Build).Promote(int.Parse(comparison.Challenger.Version), ModelStage.Production);
                Log.Information("Deploy again to serve it as the champion (without --canary-version / --shadow-version).");
            }
            else
            {
                Log.Information($"Version {comparison.Champion.Version} stays production; take version {comparison.Challenger.Version} out of traffic with a Deploy without --canary-version / --shadow-version.");
            }
        });

    /// <summary>The comparison of the production version with the challenger on the logged traffic.</summary>
    VersionComparisonResult CompareOnLoggedTraffic()
    {
        var registry = Registry;
        var champion = registry.Stages.Production
            ?? throw new InvalidOperationException($"The registry {registry.Location} has no production version to compare with; promote one first.");
        var challenger = ChallengerVersion ?? CanaryVersion ?? ShadowVersion
            ?? throw new InvalidOperationException("Name the challenger: --challenger-version V (or the --canary-version / --shadow-version it was deployed with).");
        registry.Verify(champion);
        registry.Verify(challenger);
        using var championModel = ScoringModel.Load(registry.LocalVersionDirectory(champion));
        using var challengerModel = ScoringModel.Load(registry.LocalVersionDirectory(challenger));
        var records = LoggedTraffic.Read(Workspace.InferenceLogDirectory(ScoringImageName));
        var labels = Labels is { } path ? JoinedLabels.Read(path) : null;
        var settings = TrainingConfigurationLoader.LoadOrDefault(Workspace.ConfigurationPath).Promotion;
        return VersionComparison.Compare(records, championModel, challengerModel, labels, new PromotionRule(settings));
    }
}
