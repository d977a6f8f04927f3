using Pipeline.Modeling.Scoring;
using Pipeline.Serving.Requests;

namespace Pipeline.Serving.InferenceLog;

/// <summary>The records of one scored request, queued for the inference log. The writer disposes the request.</summary>
/// <param name="Request">The parsed request (its records are the features logged).</param>
/// <param name="Results">One result per record.</param>
/// <param name="ModelVersion">The version that scored them.</param>
/// <param name="Time">When they were scored.</param>
/// <param name="Role">The part the version played: champion, canary or shadow (<see cref="InferenceLogFormat.Role"/>).</param>
/// <param name="RequestId">The request's id (the caller's X-Request-Id, else one made up), shared by a shadow's records and the champion's.</param>
/// <param name="RoutingKey">The request's sticky routing key, or null when it had none.</param>
public readonly record struct InferenceLogEntry(PredictionRequest Request, IReadOnlyList<ScoreResult> Results, string ModelVersion, DateTimeOffset Time,
    string Role = InferenceLogFormat.ChampionRole, string? RequestId = null, string? RoutingKey = null);
