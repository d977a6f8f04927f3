using Pipeline.Serving.Requests;

namespace Pipeline.Serving.Routing;

/// <summary>A request the champion answered, waiting for the shadow challengers. The scorer releases its reference to the request.</summary>
/// <param name="Request">The parsed request (shared with the inference log: see <see cref="PredictionRequest.Retain"/>).</param>
/// <param name="RequestId">The request's id, which the shadows' log records share with the champion's.</param>
/// <param name="RoutingKey">The request's sticky key, or null.</param>
public readonly record struct ShadowRequest(PredictionRequest Request, string RequestId, string? RoutingKey);
