namespace Pipeline.Modeling.Registry;

/// <summary>The last deployment of a version in one environment.</summary>
/// <param name="Environment">Where (local, kubernetes, …).</param>
/// <param name="Endpoint">The address it answers on.</param>
/// <param name="Image">The image that runs it.</param>
/// <param name="TimeUtc">When.</param>
public sealed record DeploymentSummary(string Environment, string Endpoint, string Image, DateTimeOffset TimeUtc);

/// <summary>One row of the registry listing (<c>./build.sh Models</c>, <c>models.json</c>).</summary>
/// <param name="Version">The version.</param>
/// <param name="Stage">Its stage (null: none).</param>
/// <param name="CreatedUtc">When it was registered.</param>
/// <param name="DataSource">Where its training data came from (empty when not recorded).</param>
/// <param name="DataHash">Content hash of the training data.</param>
/// <param name="Metrics">Held-out metrics by name.</param>
/// <param name="RunId">The training run.</param>
/// <param name="GitCommit">The commit it was trained at.</param>
/// <param name="Digest">The version digest, or "legacy, model file only" for a version without a manifest.</param>
/// <param name="ImageDigest">The digest of the last image built from it (null: none).</param>
/// <param name="LastDeployment">Its last deployment (null: none).</param>
/// <param name="LastDriftVerdict">The verdict of the last drift check that scored it (null: none).</param>
/// <param name="Problem">Why the version could not be read (null when it could).</param>
public sealed record VersionListing(
    int Version, ModelStage? Stage, DateTimeOffset CreatedUtc, string DataSource, string DataHash,
    IReadOnlyDictionary<string, double> Metrics, string RunId, string GitCommit, string Digest,
    string? ImageDigest, DeploymentSummary? LastDeployment, string? LastDriftVerdict, string? Problem);
