using System.Diagnostics;
using Pipeline.Delivery.Deployment;
using Pipeline.Delivery.GitOps;

namespace Pipeline.Delivery.Tests.GitOps;

/// <summary>
/// GitOps deploys against a real local Git repository (a stand-in for the team's GitOps repository on GitHub or
/// GitLab, which cannot run here), rendered with the machine's kubectl kustomize; no API server is involved.
/// </summary>
public class GitOpsDeployerTests
{
    static string Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
        return output;
    }

    static string NewRepository(TemporaryDirectory folder)
    {
        var repository = folder["gitops"];
        Directory.CreateDirectory(repository);
        Git(repository, "init", "--quiet", "--initial-branch", "main");
        Git(repository, "config", "user.name", "Platform Team");
        Git(repository, "config", "user.email", "platform@example.com");
        File.WriteAllText(Path.Combine(repository, "README.md"), "cluster state\n");
        Git(repository, "add", "README.md");
        Git(repository, "commit", "--quiet", "-m", "start");
        return repository;
    }

    static DeployRequest Request(string version) =>
        new("pipeline-ai4i2020", $"pipeline-ai4i2020:{version}", $"registry.example.com/pipeline-ai4i2020:{version}", version);

    [Fact]
    public async Task ADeploy_CommitsAKustomizeBase_NamingTheModelVersionAndImage()
    {
        using var folder = new TemporaryDirectory();
        var repository = NewRepository(folder);

        var outcome = await new GitOpsDeployer("ml", Path.Combine(repository, "apps")).DeployAsync(Request("3"), _ => { }, CancellationToken.None);

        var message = Git(repository, "log", "-1", "--format=%s");
        Assert.Equal("Deploy pipeline-ai4i2020: model version 3, image registry.example.com/pipeline-ai4i2020:3\n", message);
        Assert.Equal("Platform Team\n", Git(repository, "log", "-1", "--format=%an"));
        var files = Git(repository, "show", "--name-only", "--format=", "HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToList();
        Assert.Equal(["apps/pipeline-ai4i2020/configmap.yaml", "apps/pipeline-ai4i2020/deployment.yaml", "apps/pipeline-ai4i2020/hpa.yaml",
            "apps/pipeline-ai4i2020/kustomization.yaml", "apps/pipeline-ai4i2020/service.yaml"], files);
        Assert.Contains(Git(repository, "rev-parse", "HEAD").Trim(), outcome.Endpoint);
        Assert.Equal("", Git(repository, "status", "--porcelain"));
    }

    [Fact]
    public async Task TheSameVersionAgain_MakesNoCommit_AndANewVersionChangesOnlyWhatDiffers()
    {
        using var folder = new TemporaryDirectory();
        var repository = NewRepository(folder);
        var deployer = new GitOpsDeployer("ml", Path.Combine(repository, "apps"));

        await deployer.DeployAsync(Request("3"), _ => { }, CancellationToken.None);
        var again = await deployer.DeployAsync(Request("3"), _ => { }, CancellationToken.None);
        var count = Git(repository, "rev-list", "--count", "HEAD").Trim();
        await deployer.DeployAsync(Request("4"), _ => { }, CancellationToken.None);

        Assert.Equal("2", count);
        Assert.Contains("no commit", again.Sentence);
        Assert.Equal("3", Git(repository, "rev-list", "--count", "HEAD").Trim());
        var diff = Git(repository, "diff", "HEAD~1", "HEAD");
        Assert.Contains(diff.Split('\n'), l => l.StartsWith('+') && l.Contains("image: registry.example.com/pipeline-ai4i2020:4", StringComparison.Ordinal));
        Assert.DoesNotContain("service.yaml", Git(repository, "show", "--name-only", "--format=", "HEAD"));
    }

    [SkippableFact]
    public async Task TheCommittedBase_RendersWithKubectlKustomize_AndItsObjectsAgree()
    {
        SkipLocally.Unless(File.Exists("/usr/bin/kubectl"), "kubectl (with kustomize) is not installed at /usr/bin/kubectl");
        using var folder = new TemporaryDirectory();
        var repository = NewRepository(folder);
        await new GitOpsDeployer("ml", Path.Combine(repository, "apps")).DeployAsync(Request("7"), _ => { }, CancellationToken.None);

        var start = new ProcessStartInfo("/usr/bin/kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["kustomize", Path.Combine(repository, "apps", "pipeline-ai4i2020")]) start.ArgumentList.Add(argument);
        using var kubectl = Process.Start(start)!;
        var rendered = kubectl.StandardOutput.ReadToEnd();
        var error = kubectl.StandardError.ReadToEnd();
        kubectl.WaitForExit();

        Assert.True(kubectl.ExitCode == 0, $"kubectl kustomize failed: {error}");
        foreach (var kind in (string[])["kind: ConfigMap", "kind: Deployment", "kind: Service", "kind: HorizontalPodAutoscaler"]) Assert.Contains(kind, rendered);
        Assert.Equal(4, rendered.Split('\n').Count(l => l == "  namespace: ml"));
        Assert.Contains("image: registry.example.com/pipeline-ai4i2020:7", rendered);
    }

    [Fact]
    public async Task WithPush_TheCommitReachesTheUpstream()
    {
        using var folder = new TemporaryDirectory();
        var origin = folder["origin.git"];
        Directory.CreateDirectory(origin);
        Git(origin, "init", "--quiet", "--bare", "--initial-branch", "main");
        var repository = NewRepository(folder);
        Git(repository, "remote", "add", "origin", origin);
        Git(repository, "push", "--quiet", "--set-upstream", "origin", "main");

        await new GitOpsDeployer("ml", Path.Combine(repository, "apps"), Push: true).DeployAsync(Request("5"), _ => { }, CancellationToken.None);

        Assert.Equal(Git(repository, "rev-parse", "HEAD"), Git(origin, "rev-parse", "main"));
    }

    [Fact]
    public async Task AFolderOutsideAGitWorkTree_IsRefusedWithWhatToDo()
    {
        using var folder = new TemporaryDirectory();

        var error = await Assert.ThrowsAsync<GitOpsException>(() => new GitOpsDeployer("ml", folder["not-a-repository"]).DeployAsync(Request("1"), _ => { }, CancellationToken.None));

        Assert.Contains("is not inside a Git work tree", error.Message);
        Assert.Contains("git init", error.Message);
    }

    [Fact]
    public void GitOps_IsForKubernetes_NotForALocalDeploy()
    {
        var error = Assert.Throws<ArgumentException>(() => DeployerChoice.For(DeployEnvironment.Local, false, 18080, "log", null, "default", "manifests", gitOpsFolder: "gitops"));
        Assert.Contains("--environment kubernetes", error.Message);
    }
}
