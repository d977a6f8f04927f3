using System.Diagnostics;
using Pipeline.Engine.Ci.GitHubActions;

namespace Pipeline.Engine.Tests;

public sealed class GitHubActionsWorkflowTests : EngineTest
{
    [GitHubActionsWorkflow("pull-request", GitHubActionsTrigger.PullRequest, Branches = ["main"], Description = "The metric gate.")]
    [GitHubActionsJob("pull-request", "gate", nameof(Evaluate), nameof(Report), Arguments = ["--profile", "ci"],
        Secrets = ["ApiToken=GITHUB_TOKEN", "RegistryPassword=REGISTRY_READ_PASSWORD", "GitHubToken=GITHUB_TOKEN"], Values = ["Registry=oci://registry.example/models"],
        Permissions = ["contents: read", "pull-requests: write", "statuses: write"])]
    [GitHubActionsWorkflow("nightly", GitHubActionsTrigger.Schedule | GitHubActionsTrigger.WorkflowDispatch, Cron = "0 3 * * *")]
    [GitHubActionsJob("nightly", "check", nameof(Evaluate), Permissions = ["contents: read"], Outputs = ["promoted"])]
    [GitHubActionsJob("nightly", "deploy", nameof(Deploy), Needs = ["check"], SecretFiles = ["Kubeconfig=KUBECONFIG"],
        Condition = "github.ref == 'refs/heads/main'", UploadArtifacts = false)]
    private sealed class WorkflowBuild : NukeBuild, IGenerateWorkflows
    {
        [Parameter("Token"), Secret] readonly string? ApiToken;
        [Parameter("GitHub token"), Secret] readonly string? GitHubToken;
        [Parameter("Registry")] readonly string? Registry;
        [Parameter("Registry password"), Secret] readonly string? RegistryPassword;
        [Parameter("Kubeconfig"), Secret] readonly string? Kubeconfig;

        Target Evaluate => _ => _.Executes(() => { });
        Target Report => _ => _.Executes(() => { });
        Target Deploy => _ => _.Executes(() => { });
    }

    [GitHubActionsWorkflow("broken", GitHubActionsTrigger.Push)]
    [GitHubActionsJob("broken", "job", "Evaluat")]
    private sealed class UnknownTargetBuild : NukeBuild
    {
        Target Evaluate => _ => _.Executes(() => { });
    }

    [GitHubActionsWorkflow("broken", GitHubActionsTrigger.Push)]
    [GitHubActionsJob("broken", "job", "Evaluate", Secrets = ["NoSuchParameter=TOKEN"])]
    private sealed class UnknownParameterBuild : NukeBuild
    {
        Target Evaluate => _ => _.Executes(() => { });
    }

    private static string Text(IReadOnlyList<GeneratedWorkflow> workflows, string name) =>
        workflows.Single(w => w.RelativePath == $".github/workflows/{name}.yml").Text;

    [Fact]
    public void EachJobOnlyCallsTheBuild_WithItsOwnPermissions_AndSecretsMappedToParameters()
    {
        var yaml = Text(GitHubActionsWorkflows.Generate(new WorkflowBuild()), "pull-request");

        Assert.StartsWith(GitHubActionsWorkflows.GeneratedMarker + "\n# The metric gate.\n---\nname: pull-request\non:\n  pull_request:\n    branches:\n      - main\n", yaml);
        Assert.Contains("\npermissions: {}\n", yaml);
        Assert.Contains("    permissions:\n      contents: read\n      pull-requests: write\n      statuses: write\n", yaml);
        Assert.Contains("      API_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n", yaml);
        // A secret named like its parameter keeps its own name as the variable.
        Assert.Contains("      GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n", yaml);
        Assert.DoesNotContain("GIT_HUB_TOKEN", yaml);
        Assert.Contains("      REGISTRY_PASSWORD: ${{ secrets.REGISTRY_READ_PASSWORD }}\n", yaml);
        Assert.Contains("      REGISTRY: oci://registry.example/models\n", yaml);
        Assert.Contains("        run: ./build.sh Evaluate Report --profile ci\n", yaml);
        Assert.Contains("uses: actions/cache@v4", yaml);
        Assert.Contains("global-json-file: global.json", yaml);
        Assert.Contains("          name: artifacts-pull-request-gate\n          path: artifacts/\n", yaml);
        Assert.DoesNotContain("pull_request_target", yaml);
        Assert.Contains("cancel-in-progress: true", yaml);
    }

    [Fact]
    public void ScheduledWorkflow_HasItsCron_JobsWithNeedsDownloadArtifacts_AndSecretFilesAreWrittenNotEchoed()
    {
        var yaml = Text(GitHubActionsWorkflows.Generate(new WorkflowBuild()), "nightly");

        Assert.Contains("  schedule:\n    - cron: '0 3 * * *'\n  workflow_dispatch: {}\n", yaml);
        Assert.Contains("    needs:\n      - check\n    if: github.ref == 'refs/heads/main'\n", yaml);
        Assert.Contains("name: artifacts-nightly-check", yaml);
        Assert.Contains("run: printf '%s' \"$SECRET_CONTENT\" > \"$RUNNER_TEMP/kubeconfig\"", yaml);
        Assert.Contains("SECRET_CONTENT: ${{ secrets.KUBECONFIG }}", yaml);
        Assert.Contains("KUBECONFIG: ${{ runner.temp }}/kubeconfig", yaml);
        Assert.Contains("cancel-in-progress: false", yaml);
        Assert.Contains("    outputs:\n      promoted: ${{ steps.build.outputs.promoted }}\n", yaml);
        Assert.Contains("        id: build\n", yaml);
        // deploy uploads nothing; check does.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(yaml, "upload-artifact"));
    }

    [Fact]
    public void Generation_IsDeterministic()
    {
        var first = GitHubActionsWorkflows.Generate(new WorkflowBuild());
        var second = GitHubActionsWorkflows.Generate(new WorkflowBuild());

        Assert.Equal(first, second);
        Assert.Equal(new[] { ".github/workflows/nightly.yml", ".github/workflows/pull-request.yml" }, first.Select(w => w.RelativePath));
    }

    [Fact]
    public void ADeclarationNamingAnUnknownTargetOrParameter_IsRefusedWithTheName()
    {
        var target = Assert.Throws<BuildDefinitionException>(() => GitHubActionsWorkflows.Generate(new UnknownTargetBuild()));
        var parameter = Assert.Throws<BuildDefinitionException>(() => GitHubActionsWorkflows.Generate(new UnknownParameterBuild()));

        Assert.Contains("names target 'Evaluat', which the build does not have", target.Message);
        Assert.Contains("Evaluate", target.Message);
        Assert.Contains("names parameter 'NoSuchParameter'", parameter.Message);
    }

    [Fact]
    public async Task TheGenerateWorkflowsTarget_WritesTheFiles_AndTheCheckNamesWhatDiffers()
    {
        Root.Write(".github/workflows/old.yml", GitHubActionsWorkflows.GeneratedMarker + "\nname: old\n");
        Root.Write(".github/workflows/hand-written.yml", "name: mine\n");

        var run = await Engine.Run<WorkflowBuild>(Root, "GenerateWorkflows");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Empty(GitHubActionsWorkflows.Differences(new WorkflowBuild(), Root.Absolute));
        Assert.False(Root.Exists(".github/workflows/old.yml"));
        Assert.True(Root.Exists(".github/workflows/hand-written.yml"));

        File.AppendAllText(Path.Combine(Root.Path, ".github/workflows/nightly.yml"), "# edited by hand\n");
        var lines = File.ReadAllLines(Path.Combine(Root.Path, ".github/workflows/nightly.yml")).Length;
        var difference = Assert.Single(GitHubActionsWorkflows.Differences(new WorkflowBuild(), Root.Absolute));
        Assert.Equal($".github/workflows/nightly.yml differs from what the build generates (first difference at line {lines})", difference);
    }

    [SkippableFact]
    public void GeneratedWorkflows_PassYamllint()
    {
        var yamllint = new[] { "/usr/bin/yamllint", "/usr/local/bin/yamllint" }.FirstOrDefault(File.Exists);
        SkipLocally.Unless(yamllint is not null, "yamllint (Debian package yamllint) is not installed; .ci/run installs it.");
        foreach (var workflow in GitHubActionsWorkflows.Generate(new WorkflowBuild()))
        {
            var file = Root.Write(workflow.RelativePath, workflow.Text);
            using var process = Process.Start(new ProcessStartInfo(yamllint!, ["--strict", "-d", "{extends: default, rules: {line-length: {max: 160}, truthy: {check-keys: false}}}", file])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"yamllint refused {workflow.RelativePath}:\n{output}\n{workflow.Text}");
        }
    }
}
