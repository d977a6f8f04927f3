namespace Pipeline.Engine;

/// <summary>
/// The state of the invocation running on the current async flow. Kept in an <see cref="AsyncLocal{T}"/> so that
/// static members (<see cref="NukeBuild.RootDirectory"/>, <see cref="Log"/>) work in field initialisers and
/// targets while several builds run side by side in one process (as the engine's tests do).
/// </summary>
internal sealed class BuildContext
{
    private static readonly AsyncLocal<BuildContext?> CurrentContext = new();

    public BuildContext(AbsolutePath rootDirectory, BuildOutput output)
    {
        RootDirectory = rootDirectory;
        Output = output;
    }

    public static BuildContext? Current
    {
        get => CurrentContext.Value;
        set => CurrentContext.Value = value;
    }

    public AbsolutePath RootDirectory { get; }
    public BuildOutput Output { get; }
    public bool IsForced { get; set; }

    /// <summary>The CI server this build runs on (<see cref="Ci.CiHost.None"/> on a laptop).</summary>
    public Ci.CiHost Host { get; set; } = Ci.CiHost.None;
    public IReadOnlyList<string> InvokedTargets { get; set; } = Array.Empty<string>();

    /// <summary>The build's targets, once discovered (used by <see cref="NukeBuild.WritePlan"/>).</summary>
    public TargetGraph? Graph { get; set; }
}
