using System.Text.Json;

namespace Pipeline.Delivery.Traffic;

/// <summary>One record of the scoring service's inference log, as the comparison of versions reads it.</summary>
/// <param name="Version">The version that scored it.</param>
/// <param name="Role">champion, canary or shadow (older logs without a role: champion).</param>
/// <param name="RequestId">The request's id, or null in logs written before request ids.</param>
/// <param name="RoutingKey">The request's sticky key, or null.</param>
/// <param name="Score">The predicted probability.</param>
/// <param name="Features">The features as received (re-scored by both versions when labels are joined).</param>
public sealed record LoggedRecord(string Version, string Role, string? RequestId, string? RoutingKey, double Score, JsonElement Features);
