using Pipeline.Modeling.Scoring;
using Pipeline.Serving.Requests;

namespace Pipeline.Serving.InferenceLog;

/// <summary>The records of one scored request, queued for the inference log. The writer disposes the request.</summary>
/// <param name="Request">The parsed request (its records are the features logged).</param>
/// <param name="Results">One result per record.</param>
/// <param name="ModelVersion">The version that scored them.</param>
/// <param name="Time">When they were scored.</param>
public sealed record InferenceLogEntry(PredictionRequest Request, IReadOnlyList<ScoreResult> Results, string ModelVersion, DateTimeOffset Time);
