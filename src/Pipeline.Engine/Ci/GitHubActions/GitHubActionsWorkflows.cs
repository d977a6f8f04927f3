using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Engine.Ci.GitHubActions;

/// <summary>
/// Generates <c>.github/workflows/*.yml</c> from the <see cref="GitHubActionsWorkflowAttribute"/> and
/// <see cref="GitHubActionsJobAttribute"/> declarations of a build class. The output depends only on the
/// declarations, so it is the same on every machine and a test can compare it with the committed files.
/// </summary>
public static partial class GitHubActionsWorkflows
{
    /// <summary>Where the workflows are written, relative to the root.</summary>
    public const string Folder = ".github/workflows";

    /// <summary>The first line of every generated file; files with it that no declaration produces are stale.</summary>
    public const string GeneratedMarker = "# Generated from the build definition (build/) by ./build.sh GenerateWorkflows; do not edit by hand.";

    /// <summary>The command that regenerates the workflows.</summary>
    public const string RegenerateCommand = "./build.sh GenerateWorkflows";

    /// <summary>The workflows <paramref name="build"/> declares, in name order.</summary>
    /// <exception cref="BuildDefinitionException">A declaration names a target, parameter, workflow or job that does not exist.</exception>
    public static IReadOnlyList<GeneratedWorkflow> Generate(NukeBuild build)
    {
        var type = build.GetType();
        var workflows = type.GetCustomAttributes<GitHubActionsWorkflowAttribute>().OrderBy(w => w.Name, StringComparer.Ordinal).ToList();
        var jobs = type.GetCustomAttributes<GitHubActionsJobAttribute>().ToList();
        var targets = TargetGraph.Discover(build).Targets.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var parameters = ParameterMember.Discover(type);

        foreach (var duplicate in workflows.GroupBy(w => w.Name).Where(g => g.Count() > 1))
            throw new BuildDefinitionException($"Two GitHubActionsWorkflow declarations are named '{duplicate.Key}'; names must differ.");
        foreach (var orphan in jobs.Where(j => workflows.All(w => w.Name != j.Workflow)))
            throw new BuildDefinitionException($"GitHubActionsJob '{orphan.Id}' names workflow '{orphan.Workflow}', which is not declared; declared: {string.Join(", ", workflows.Select(w => w.Name))}.");

        return workflows.Select(w => new GeneratedWorkflow($"{Folder}/{w.Name}.yml",
            Render(w, jobs.Where(j => j.Workflow == w.Name).ToList(), targets, parameters))).ToList();
    }

    /// <summary>Writes the workflows under <paramref name="root"/> and deletes generated files no declaration produces any more.</summary>
    /// <returns>The files written or deleted, relative to the root.</returns>
    public static IReadOnlyList<string> Write(NukeBuild build, AbsolutePath root)
    {
        var generated = Generate(build);
        var folder = root / Folder;
        Directory.CreateDirectory(folder);
        var changed = new List<string>();
        foreach (var workflow in generated)
        {
            var path = root / workflow.RelativePath;
            if (File.Exists(path) && File.ReadAllText(path) == workflow.Text) continue;
            File.WriteAllText(path, workflow.Text);
            changed.Add(workflow.RelativePath);
        }
        foreach (var stale in StaleFiles(generated, root))
        {
            File.Delete(root / stale);
            changed.Add(stale);
        }
        return changed;
    }

    /// <summary>
    /// How the committed workflows differ from a fresh generation: one sentence per file that is missing, different
    /// or stale; empty when they are equal.
    /// </summary>
    public static IReadOnlyList<string> Differences(NukeBuild build, AbsolutePath root)
    {
        var generated = Generate(build);
        var problems = new List<string>();
        foreach (var workflow in generated)
        {
            var path = root / workflow.RelativePath;
            if (!File.Exists(path)) problems.Add($"{workflow.RelativePath} is missing");
            else if (File.ReadAllText(path) != workflow.Text) problems.Add($"{workflow.RelativePath} differs from what the build generates (first difference at line {FirstDifferentLine(File.ReadAllText(path), workflow.Text)})");
        }
        problems.AddRange(StaleFiles(generated, root).Select(s => $"{s} is generated but no declaration produces it any more"));
        return problems;
    }

    private static IEnumerable<string> StaleFiles(IReadOnlyList<GeneratedWorkflow> generated, AbsolutePath root)
    {
        var folder = root / Folder;
        if (!Directory.Exists(folder)) yield break;
        foreach (var file in Directory.EnumerateFiles(folder, "*.yml").Order(StringComparer.Ordinal))
        {
            var relative = Folder + "/" + Path.GetFileName(file);
            if (generated.Any(g => g.RelativePath == relative)) continue;
            using var reader = new StreamReader(file);
            if (reader.ReadLine() == GeneratedMarker) yield return relative;
        }
    }

    private static int FirstDifferentLine(string committed, string fresh)
    {
        var a = committed.Split('\n');
        var b = fresh.Split('\n');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            if (a[i] != b[i]) return i + 1;
        return Math.Min(a.Length, b.Length) + 1;
    }

    private static string Render(GitHubActionsWorkflowAttribute workflow, IReadOnlyList<GitHubActionsJobAttribute> jobs,
        IReadOnlySet<string> targets, IReadOnlyList<ParameterMember> parameters)
    {
        Require(IdPattern().IsMatch(workflow.Name), $"GitHubActionsWorkflow name '{workflow.Name}' may hold only letters, digits and '-'.");
        Require(jobs.Count > 0, $"GitHubActionsWorkflow '{workflow.Name}' has no GitHubActionsJob.");
        Require(!workflow.On.HasFlag(GitHubActionsTrigger.Schedule) || !string.IsNullOrWhiteSpace(workflow.Cron),
            $"GitHubActionsWorkflow '{workflow.Name}' runs on a schedule but has no Cron.");

        var yaml = new StringBuilder();
        void Line(int indent, string text) => yaml.Append(' ', indent * 2).Append(text).Append('\n');

        Line(0, GeneratedMarker);
        if (workflow.Description is { } description) Line(0, "# " + description);
        Line(0, "---");
        Line(0, "name: " + YamlScalar.Of(workflow.Name));
        Line(0, "on:");
        void Branches(string trigger)
        {
            if (workflow.Branches.Length == 0) { Line(1, trigger + ": {}"); return; }
            Line(1, trigger + ":");
            Line(2, "branches:");
            foreach (var branch in workflow.Branches) Line(3, "- " + YamlScalar.Of(branch));
        }
        if (workflow.On.HasFlag(GitHubActionsTrigger.PullRequest)) Branches("pull_request");
        if (workflow.On.HasFlag(GitHubActionsTrigger.Push)) Branches("push");
        if (workflow.On.HasFlag(GitHubActionsTrigger.Schedule))
        {
            Line(1, "schedule:");
            Line(2, "- cron: " + YamlScalar.Of(workflow.Cron!));
        }
        if (workflow.On.HasFlag(GitHubActionsTrigger.WorkflowDispatch)) Line(1, "workflow_dispatch: {}");
        // No scope for the workflow's token unless a job asks for it.
        Line(0, "permissions: {}");
        // One run per workflow and ref at a time: a newer push cancels the older pull-request run, never a deployment.
        Line(0, "concurrency:");
        Line(1, "group: " + YamlScalar.Of($"{workflow.Name}-${{{{ github.ref }}}}"));
        Line(1, "cancel-in-progress: " + (workflow.On == GitHubActionsTrigger.PullRequest ? "true" : "false"));
        Line(0, "jobs:");
        foreach (var job in jobs) RenderJob(job, jobs, targets, parameters, workflow, Line);
        return yaml.ToString();
    }

    private static void RenderJob(GitHubActionsJobAttribute job, IReadOnlyList<GitHubActionsJobAttribute> jobs, IReadOnlySet<string> targets,
        IReadOnlyList<ParameterMember> parameters, GitHubActionsWorkflowAttribute workflow, Action<int, string> line)
    {
        var where = $"GitHubActionsJob '{job.Id}' of workflow '{workflow.Name}'";
        Require(JobIdPattern().IsMatch(job.Id), $"{where}: the id may hold only letters, digits, '-' and '_'.");
        Require(job.Targets.Length > 0, $"{where} names no target.");
        foreach (var target in job.Targets)
            Require(targets.Contains(target), $"{where} names target '{target}', which the build does not have.{DidYouMean.Hint(target, targets, "")}");
        foreach (var need in job.Needs)
            Require(jobs.Any(j => j.Id == need && j != job), $"{where} needs job '{need}', which the workflow does not have.");

        ParameterMember Parameter(string assignment, string property, out string value)
        {
            var equals = assignment.IndexOf('=');
            Require(equals > 0 && equals < assignment.Length - 1, $"{where}: {property} entry '{assignment}' must be Parameter=value.");
            var name = assignment[..equals].Trim();
            value = assignment[(equals + 1)..].Trim();
            return parameters.FirstOrDefault(p => NameForms.Key(p.Name) == NameForms.Key(name))
                ?? throw new BuildDefinitionException($"{where}: {property} names parameter '{name}', which the build does not have.{DidYouMean.Hint(name, parameters.Select(p => p.Name), "")}");
        }

        var environment = new List<(string Name, string Value)>();
        foreach (var secret in job.Secrets)
        {
            var parameter = Parameter(secret, nameof(job.Secrets), out var secretName);
            Require(SecretNamePattern().IsMatch(secretName), $"{where}: secret name '{secretName}' may hold only letters, digits and '_'.");
            // A secret named like its parameter (GITHUB_TOKEN for GitHubToken) keeps its own name, which the engine reads too.
            var variable = NameForms.Key(secretName) == NameForms.Key(parameter.Name) ? secretName : NameForms.UpperSnake(parameter.Name);
            environment.Add((variable, $"${{{{ secrets.{secretName} }}}}"));
        }
        foreach (var value in job.Values)
        {
            var parameter = Parameter(value, nameof(job.Values), out var text);
            environment.Add((NameForms.UpperSnake(parameter.Name), text));
        }
        var secretFiles = job.SecretFiles.Select(s =>
        {
            var parameter = Parameter(s, nameof(job.SecretFiles), out var secretName);
            Require(SecretNamePattern().IsMatch(secretName), $"{where}: secret name '{secretName}' may hold only letters, digits and '_'.");
            return (Variable: NameForms.UpperSnake(parameter.Name), Secret: secretName, File: NameForms.Kebab(parameter.Name));
        }).ToList();

        line(1, job.Id + ":");
        line(2, "name: " + YamlScalar.Of(job.Name ?? job.Id));
        if (job.Needs.Length > 0)
        {
            line(2, "needs:");
            foreach (var need in job.Needs) line(3, "- " + need);
        }
        if (job.Condition is { } condition) line(2, "if: " + YamlScalar.Of(condition));
        if (job.Outputs.Length > 0)
        {
            line(2, "outputs:");
            foreach (var output in job.Outputs)
            {
                Require(SecretNamePattern().IsMatch(output), $"{where}: output name '{output}' may hold only letters, digits and '_'.");
                line(3, $"{output}: {YamlScalar.Of($"${{{{ steps.build.outputs.{output} }}}}")}");
            }
        }
        line(2, "runs-on: ubuntu-latest");
        if (job.Permissions.Length == 0) line(2, "permissions: {}");
        else
        {
            line(2, "permissions:");
            foreach (var permission in job.Permissions)
            {
                var match = PermissionPattern().Match(permission);
                Require(match.Success, $"{where}: permission '{permission}' must be 'scope: read|write|none'.");
                line(3, $"{match.Groups[1].Value}: {match.Groups[2].Value}");
            }
        }
        if (environment.Count > 0)
        {
            line(2, "env:");
            foreach (var (name, value) in environment.OrderBy(e => e.Name, StringComparer.Ordinal)) line(3, $"{name}: {YamlScalar.Of(value)}");
        }
        line(2, "steps:");
        Step(line, "Check out", "actions/checkout@v4");
        Step(line, "Set up .NET (the SDK global.json names)", "actions/setup-dotnet@v4", ("global-json-file", "global.json"));
        Step(line, "Cache NuGet packages", "actions/cache@v4", ("path", "~/.nuget/packages"),
            ("key", "nuget-${{ runner.os }}-${{ hashFiles('global.json', '**/Directory.Packages.props', '**/*.csproj') }}"),
            ("restore-keys", "nuget-${{ runner.os }}-"));
        foreach (var need in job.Needs)
            Step(line, $"Download the artifacts of {need}", "actions/download-artifact@v4", ("name", ArtifactName(workflow, need)), ("path", "artifacts/"));
        foreach (var file in secretFiles)
        {
            // The secret goes through the environment into a file; it is never part of a command line or echoed.
            line(3, $"- name: {YamlScalar.Of($"Write {file.File} from the {file.Secret} secret")}");
            line(4, $"run: {YamlScalar.Of($"printf '%s' \"$SECRET_CONTENT\" > \"$RUNNER_TEMP/{file.File}\"")}");
            line(4, "env:");
            line(5, $"SECRET_CONTENT: {YamlScalar.Of($"${{{{ secrets.{file.Secret} }}}}")}");
        }
        var command = "./build.sh " + string.Join(' ', job.Targets.Concat(job.Arguments).Select(ShellWord));
        line(3, "- name: " + YamlScalar.Of(command));
        line(4, "id: build");
        line(4, "run: " + YamlScalar.Of(command));
        if (secretFiles.Count > 0)
        {
            line(4, "env:");
            foreach (var file in secretFiles) line(5, $"{file.Variable}: {YamlScalar.Of($"${{{{ runner.temp }}}}/{file.File}")}");
        }
        if (job.UploadArtifacts)
        {
            line(3, "- name: Upload artifacts/");
            line(4, "if: always()");
            line(4, "uses: actions/upload-artifact@v4");
            line(4, "with:");
            line(5, "name: " + ArtifactName(workflow, job.Id));
            line(5, "path: artifacts/");
            line(5, "if-no-files-found: ignore");
        }
    }

    private static void Step(Action<int, string> line, string name, string uses, params (string Key, string Value)[] with)
    {
        line(3, "- name: " + YamlScalar.Of(name));
        line(4, "uses: " + uses);
        if (with.Length == 0) return;
        line(4, "with:");
        foreach (var (key, value) in with) line(5, $"{key}: {YamlScalar.Of(value)}");
    }

    private static string ArtifactName(GitHubActionsWorkflowAttribute workflow, string job) => $"artifacts-{workflow.Name}-{job}";

    // Words of the command line: quoted for the shell when they hold anything but safe characters.
    private static string ShellWord(string word) =>
        ShellSafe().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''") + "'";

    private static void Require(bool condition, string problem)
    {
        if (!condition) throw new BuildDefinitionException(problem);
    }

    [GeneratedRegex("^[A-Za-z0-9-]+$")] private static partial Regex IdPattern();
    [GeneratedRegex("^[A-Za-z0-9_-]+$")] private static partial Regex JobIdPattern();
    [GeneratedRegex("^[A-Za-z0-9_]+$")] private static partial Regex SecretNamePattern();
    [GeneratedRegex(@"^\s*([a-z-]+)\s*:\s*(read|write|none)\s*$")] private static partial Regex PermissionPattern();
    [GeneratedRegex(@"^[A-Za-z0-9_./:=@+-]+$")] private static partial Regex ShellSafe();
}
