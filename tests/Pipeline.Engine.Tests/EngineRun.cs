using System.Linq.Expressions;

namespace Pipeline.Engine.Tests;

/// <summary>The outcome of running a test build in-process: the engine's result, everything it printed, and the build instance.</summary>
public sealed record EngineRun<T>(BuildResult Result, string Output, T Build)
{
    public int ExitCode => Result.ExitCode;

    public ExecutionStatus? StatusOf(string target) => Result.StatusOf(target);

    /// <summary>The scheduled targets in execution order.</summary>
    public IReadOnlyList<string> Order => Result.Targets.Select(t => t.Name).ToList();
}

/// <summary>Runs a build class in-process against a <see cref="TestRoot"/>, with an explicit environment and captured output.</summary>
public static class Engine
{
    public static Task<EngineRun<T>> Run<T>(TestRoot root, params string[] args) where T : NukeBuild, new() =>
        Run<T>(root, new Dictionary<string, string>(), CancellationToken.None, null, args);

    public static Task<EngineRun<T>> Run<T>(TestRoot root, IReadOnlyDictionary<string, string> environment, params string[] args)
        where T : NukeBuild, new() =>
        Run<T>(root, environment, CancellationToken.None, null, args);

    public static async Task<EngineRun<T>> Run<T>(TestRoot root, IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken, Expression<Func<T, Target>>? defaultTarget, params string[] args)
        where T : NukeBuild, new()
    {
        var output = new StringWriter();
        T? build = null;
        var invocation = new BuildInvocation(args)
        {
            WorkingDirectory = root.Path,
            EnvironmentVariables = environment,
            Output = output,
            CancellationToken = cancellationToken,
        };
        var defaults = defaultTarget is null ? Array.Empty<Expression<Func<T, Target>>>() : new[] { defaultTarget };
        var result = await BuildEngine.RunAsync(invocation, () => build = new T(), defaults);
        return new EngineRun<T>(result, output.ToString(), build!);
    }
}

/// <summary>A build whose targets record, in order, that they ran.</summary>
public abstract class RecordingBuild : NukeBuild
{
    private readonly List<string> _ran = new();

    public IReadOnlyList<string> Ran
    {
        get { lock (_ran) return _ran.ToList(); }
    }

    protected Action Record(string name) => () => { lock (_ran) _ran.Add(name); };
}
