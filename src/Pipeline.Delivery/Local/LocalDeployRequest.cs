namespace Pipeline.Delivery.Local;

/// <summary>What to run on the local Docker engine.</summary>
/// <param name="Image">Image reference (e.g. <c>pipeline-ai4i2020:3</c>).</param>
/// <param name="ServiceName">Names the service; containers carry it as a label so the previous one is found.</param>
/// <param name="Port">The first of the two ports the service alternates between (blue/green with host networking).</param>
/// <param name="ReadyTimeout">How long the new container may take to answer /ready before it is rolled back.</param>
/// <param name="InferenceLogDirectory">
/// A host folder mounted as the container's inference log, so that what the service scored outlives the
/// container (the drift check reads it); null keeps the log inside the container.
/// </param>
/// <param name="Challengers">Versions served beside the image's own (canaries, shadows), mounted read-only from the registry; null or empty for none.</param>
/// <param name="Slo">The latency and error budget the new container must meet on replayed requests before the previous one is removed; null skips the gate.</param>
public sealed record LocalDeployRequest(string Image, string ServiceName, int Port, TimeSpan ReadyTimeout, string? InferenceLogDirectory = null,
    IReadOnlyList<ChallengerDeployment>? Challengers = null, SloBudget? Slo = null);
