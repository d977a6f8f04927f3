using System.Linq.Expressions;
using System.Runtime.InteropServices;

namespace Pipeline.Engine;

/// <summary>
/// The base class of a build: <c>partial class Build : NukeBuild { public static int Main() => Execute&lt;Build&gt;(x => x.Default); }</c>.
/// Targets are properties of type <see cref="Target"/>; parameters are members marked <see cref="ParameterAttribute"/>.
/// </summary>
public abstract class NukeBuild : INukeBuild
{
    /// <summary>
    /// The repository root: <c>--root</c> when given, otherwise the nearest folder holding <c>.nuke/</c>
    /// searching upward from the current directory. Usable in field initialisers.
    /// </summary>
    public static AbsolutePath RootDirectory => BuildContext.Current?.RootDirectory ?? RootDirectoryLocator.FromCurrentDirectory();

    /// <summary><c>RootDirectory/artifacts</c> (git-ignored), where targets write what they produce.</summary>
    public static AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";

    /// <summary><c>RootDirectory/.nuke/temp</c> (git-ignored), for scratch files.</summary>
    public static AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    /// <summary>The verbosity of this invocation (<c>--verbosity</c>).</summary>
    public static Verbosity Verbosity => BuildContext.Current?.Output.Verbosity ?? Verbosity.Normal;

    /// <summary>True when <c>--force</c> was given: incremental targets run even when up to date.</summary>
    public static bool IsForced => BuildContext.Current?.IsForced ?? false;

    /// <summary>The targets named on the command line (or the default target).</summary>
    public static IReadOnlyList<string> InvokedTargets => BuildContext.Current?.InvokedTargets ?? Array.Empty<string>();

    /// <summary>True on a CI server (environment variable <c>CI</c> is <c>true</c>).</summary>
    public static bool IsServerBuild => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The CI server this build runs on, recognised from its environment (<see cref="Ci.CiHost.None"/> on a laptop).</summary>
    public static Ci.CiHost Host => BuildContext.Current?.Host ?? Ci.CiHost.None;

    /// <summary>
    /// The parameter profile applied on a recognised CI server when no <c>--profile</c> is given (e.g. "ci" reads
    /// <c>.nuke/parameters.ci.json</c> when that file exists); null applies none.
    /// </summary>
    protected internal virtual string? ContinuousIntegrationProfile => null;

    /// <summary>True when not on a CI server.</summary>
    public static bool IsLocalBuild => !IsServerBuild;

    /// <summary>
    /// Prints the whole graph — every target in a valid execution order and each target's relations — and writes
    /// it as Mermaid to <c>artifacts/plan.mmd</c>. Returns the Mermaid file. For use inside a target.
    /// </summary>
    public static AbsolutePath WritePlan()
    {
        var context = BuildContext.Current ?? throw new InvalidOperationException("WritePlan works only while a build runs.");
        var graph = context.Graph ?? throw new InvalidOperationException("WritePlan works only once the targets are known.");
        var all = graph.Targets.ToList();
        return PlanWriter.Write(context.Output, graph, ExecutionPlanner.Plan(graph, all), "Execution order of all targets:", context.RootDirectory);
    }

    /// <summary>SIGTERM (e.g. a CI job being stopped) cancels like Ctrl+C, where the platform offers it.</summary>
    private static PosixSignalRegistration? OnTerminate(CancellationTokenSource cancellation)
    {
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                cancellation.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    AbsolutePath INukeBuild.RootDirectory => RootDirectory;

    AbsolutePath INukeBuild.ArtifactsDirectory => ArtifactsDirectory;

    /// <summary>
    /// Runs the build with the process's command line, console and Ctrl+C handling, and returns the exit code:
    /// 0 when every executed target succeeded (or was up to date or skipped), 1 when a target failed,
    /// 2 when the invocation or the build definition is wrong, 130 when cancelled.
    /// </summary>
    /// <param name="defaultTargets">The targets run when none is named on the command line.</param>
    protected static int Execute<T>(params Expression<Func<T, Target>>[] defaultTargets) where T : NukeBuild, new()
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C cancels and lets the summary print; a second one ends the process at once.
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var onTerminate = OnTerminate(cancellation);
        try
        {
            var invocation = new BuildInvocation(Environment.GetCommandLineArgs().Skip(1).ToArray())
            {
                CancellationToken = cancellation.Token,
            };
            return BuildEngine.RunAsync(invocation, () => new T(), defaultTargets).GetAwaiter().GetResult().ExitCode;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
