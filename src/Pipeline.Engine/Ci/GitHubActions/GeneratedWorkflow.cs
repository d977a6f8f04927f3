namespace Pipeline.Engine.Ci.GitHubActions;

/// <summary>One generated workflow file: its path relative to the repository root and its text.</summary>
public sealed record GeneratedWorkflow(string RelativePath, string Text);
