namespace Pipeline.Engine;

/// <summary>One run of the engine: arguments, and where it reads from and writes to. Tests use it to run in-process.</summary>
/// <param name="Arguments">The command-line arguments (without the program name).</param>
public sealed record BuildInvocation(IReadOnlyList<string> Arguments)
{
    /// <summary>The folder the root is searched from (when <c>--root</c> is absent). Default: the current directory.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>The environment variables parameters are read from; null means the process's environment.</summary>
    public IReadOnlyDictionary<string, string>? EnvironmentVariables { get; init; }

    /// <summary>Where all output goes. Default: the console.</summary>
    public TextWriter Output { get; init; } = Console.Out;

    /// <summary>Cancelling it cancels the running target's token, marks the rest NotRun and prints the summary.</summary>
    public CancellationToken CancellationToken { get; init; }
}
