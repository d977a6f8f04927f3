namespace Pipeline.Modeling.Registry;

/// <summary>The stage a registration gives its version, and why.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Reason">Why, in a sentence (recorded in the StageChanged event).</param>
public sealed record StageDecision(ModelStage Stage, string Reason);

/// <summary>
/// An idempotent registration (<see cref="ModelRegistry.Register(RegistrationRequest, Action{RegistrationStep}?)"/>):
/// what to register, where its data came from, and how to choose its stage.
/// </summary>
/// <param name="Registration">The model file, its metadata and extra files.</param>
public sealed record RegistrationRequest(ModelRegistration Registration)
{
    /// <summary>Where the training data came from (a path or the simulator's description), recorded in the Registered event.</summary>
    public string DataSource { get; init; } = "";

    /// <summary>
    /// Chooses the stage of a new version, or of a committed version that never got one (a writer killed between
    /// commit and stage), from the stages at that moment; called under the registry lock, so nothing changes the
    /// stages between the decision and its event. Null, or returning null: the version gets no stage.
    /// </summary>
    public Func<StageAssignments, StageDecision?>? ChooseStage { get; init; }

    /// <summary>Who registers (default: <see cref="RegistryActor.Current"/>).</summary>
    public string? Actor { get; init; }
}
