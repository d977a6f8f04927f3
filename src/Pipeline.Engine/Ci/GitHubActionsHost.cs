using System.Text;

namespace Pipeline.Engine.Ci;

/// <summary>
/// GitHub Actions: workflow commands on standard output (<c>::group::</c>, <c>::error::</c>, <c>::add-mask::</c>) and
/// the summary table appended as Markdown to the file <c>GITHUB_STEP_SUMMARY</c> names.
/// </summary>
internal sealed class GitHubActionsHost : CiHost
{
    private readonly string? _stepSummaryPath;

    public GitHubActionsHost(string? stepSummaryPath) : base("GitHub Actions", recognisedOnly: false) => _stepSummaryPath = stepSummaryPath;

    // The add-mask command carries the value itself, so it is written unmasked; the runner then hides the value
    // everywhere, including in what child processes print straight to the terminal.
    internal override void RegisterSecrets(BuildOutput output, IReadOnlyCollection<string> secrets)
    {
        foreach (var secret in secrets)
            foreach (var line in secret.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0))
                output.WriteUnmasked("::add-mask::" + EscapeData(line));
    }

    internal override void BeginTarget(BuildOutput output, string target, string header)
    {
        output.WriteLine("::group::" + EscapeData(target), Verbosity.Minimal);
        output.WriteLine(header, Verbosity.Minimal);
    }

    internal override void EndTarget(BuildOutput output, string target) => output.WriteLine("::endgroup::", Verbosity.Minimal);

    internal override void TargetFailed(BuildOutput output, string target, string message) =>
        output.WriteLine($"::error title={EscapeProperty($"Target {target} failed")}::{EscapeData(message)}", Verbosity.Quiet);

    internal override void PublishSummary(BuildOutput output, IReadOnlyList<ExecutableTarget> plan, TimeSpan total, string verdict)
    {
        if (_stepSummaryPath is null) return;
        var markdown = new StringBuilder();
        markdown.AppendLine("### Build").AppendLine();
        markdown.AppendLine("| Target | Status | Duration | Note |").AppendLine("|---|---|---:|---|");
        foreach (var target in plan)
        {
            var ran = target.Status is ExecutionStatus.Succeeded or ExecutionStatus.Failed;
            var note = target.Status != ExecutionStatus.Succeeded && target.Reason is { } reason ? Cell(FirstLine(reason)) : "";
            markdown.AppendLine($"| {target.Name} | {target.Status} | {(ran ? SummaryWriter.Format(target.Duration) : "")} | {note} |");
        }
        markdown.AppendLine($"| **Total** | | {SummaryWriter.Format(total)} | |").AppendLine().AppendLine(verdict).AppendLine();
        try
        {
            File.AppendAllText(_stepSummaryPath, output.Scrub(markdown.ToString()));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"warning: could not append the summary to GITHUB_STEP_SUMMARY ({_stepSummaryPath}): {e.Message}", Verbosity.Quiet);
        }
    }

    /// <summary>Escapes a workflow command's message, as the runner's toolkit does.</summary>
    internal static string EscapeData(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>Escapes a workflow command's property value.</summary>
    internal static string EscapeProperty(string text) => EscapeData(text).Replace(":", "%3A").Replace(",", "%2C");

    private static string Cell(string text) => text.Replace("|", "\\|");

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end] + " ...";
    }
}
