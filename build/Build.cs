using Pipeline.Engine;
using Pipeline.Engine.Ci.GitHubActions;

/// <summary>
/// The lifecycle build: each component (one file, an interface with default target members) adds the targets of
/// one step and names what it needs; this class lists the lifecycle, the CI workflows generated from it
/// (./build.sh GenerateWorkflows writes .github/workflows/), and owns the entry point and default target.
/// </summary>
// Pull requests: the metric gate against the committed snapshot, reported on the pull request. Read-only: it never
// registers, and its token may only comment and set a status.
[GitHubActionsWorkflow("pull-request", GitHubActionsTrigger.PullRequest, Branches = ["main"],
    Description = "The metric gate on every pull request: evaluate the change, compare with the committed snapshot, report on the pull request.")]
[GitHubActionsJob("pull-request", "metric-gate", "Evaluate", "ReportMetrics", Name = "Metric gate", Arguments = ["--profile", "ci"],
    Values = ["ModelRegistry=${{ vars.MODEL_REGISTRY }}"],
    Secrets = ["GitHubToken=GITHUB_TOKEN", "ModelRegistryUsername=MODEL_REGISTRY_READ_USERNAME", "ModelRegistryPassword=MODEL_REGISTRY_READ_PASSWORD"],
    Permissions = ["contents: read", "pull-requests: write", "statuses: write"])]
// main: register what was merged, then build its image and deploy it.
[GitHubActionsWorkflow("main", GitHubActionsTrigger.Push | GitHubActionsTrigger.WorkflowDispatch, Branches = ["main"],
    Description = "On main: register the merged model, build its scoring image and deploy it.")]
[GitHubActionsJob("main", "register", "Register", Name = "Register", Arguments = ["--profile", "ci"],
    Values = ["ModelRegistry=${{ vars.MODEL_REGISTRY }}"],
    Secrets = ["ModelRegistryUsername=MODEL_REGISTRY_USERNAME", "ModelRegistryPassword=MODEL_REGISTRY_PASSWORD"],
    Permissions = ["contents: read"])]
[GitHubActionsJob("main", "deploy", "Deploy", Name = "Containerize and deploy", Needs = ["register"],
    Arguments = ["--profile", "ci", "--skip", "ValidateData", "Train", "Evaluate", "Register"],
    Values = ["Environment=kubernetes", "PushRegistry=${{ vars.IMAGE_REGISTRY }}", "ModelRegistry=${{ vars.MODEL_REGISTRY }}"],
    Secrets = ["ModelRegistryUsername=MODEL_REGISTRY_USERNAME", "ModelRegistryPassword=MODEL_REGISTRY_PASSWORD"], SecretFiles = ["Kubeconfig=KUBECONFIG"],
    Permissions = ["contents: read"])]
// Nightly: drift check on the service's inference log; retrain on drift; an issue while drift lasts; redeploy only
// when a retrained model won and is production.
[GitHubActionsWorkflow("drift", GitHubActionsTrigger.Schedule | GitHubActionsTrigger.WorkflowDispatch, Cron = "0 3 * * *",
    Description = "Nightly: check drift on the production service's traffic, retrain on drift, keep a drift issue, redeploy a winner.")]
[GitHubActionsJob("drift", "check", "CheckDrift", "Retrain", "ReportDrift", Name = "Drift check and retrain", Arguments = ["--profile", "ci"],
    Values = ["Current=${{ vars.INFERENCE_LOG }}", "RetrainData=${{ vars.LABELLED_RECENT_DATA }}", "ModelRegistry=${{ vars.MODEL_REGISTRY }}"],
    Secrets = ["GitHubToken=GITHUB_TOKEN", "ModelRegistryUsername=MODEL_REGISTRY_USERNAME", "ModelRegistryPassword=MODEL_REGISTRY_PASSWORD"],
    Outputs = ["promoted"], Permissions = ["contents: read", "issues: write"])]
[GitHubActionsJob("drift", "redeploy", "Deploy", Name = "Redeploy the retrained model", Needs = ["check"],
    Condition = "needs.check.outputs.promoted == 'true'",
    Arguments = ["--profile", "ci", "--skip", "ValidateData", "Train", "Evaluate", "Register"],
    Values = ["Environment=kubernetes", "PushRegistry=${{ vars.IMAGE_REGISTRY }}", "ModelRegistry=${{ vars.MODEL_REGISTRY }}"],
    Secrets = ["ModelRegistryUsername=MODEL_REGISTRY_USERNAME", "ModelRegistryPassword=MODEL_REGISTRY_PASSWORD"], SecretFiles = ["Kubeconfig=KUBECONFIG"],
    Permissions = ["contents: read"])]
class Build : NukeBuild, IValidateData, INewDataset, ITrain, IEvaluate, IReportMetrics, IRegister, IModels, IContainerize, IDeploy, ICompareVersions, ICheckDrift, IRetrain,
    IRedeploy, IReportDrift, IModelCard, IScore, IGenerateWorkflows
{
    public static int Main()
    {
        Pipeline.Data.Validation.ValidationWarmUp.StartInBackground(); // on the other core while the engine starts
        return Execute<Build>(x => ((IRegister)x).Register);
    }

    /// <summary>The typed values targets hand to each other during this run.</summary>
    public BuildState State { get; } = new();

    Target Plan => _ => _
        .Description("Print every target in execution order with its relations, and write artifacts/plan.mmd (Mermaid)")
        .ReadOnly()
        .Executes(() => { WritePlan(); });
}
