using Pipeline.Engine;

/// <summary>A build that carries typed state from one target to another (see <see cref="BuildState"/>).</summary>
interface IHazState : INukeBuild
{
    /// <summary>This run's state.</summary>
    BuildState State { get; }
}
