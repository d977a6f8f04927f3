using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pipeline.Modeling.Scoring;
using Pipeline.Modeling.Scoring.Explanation;
using Pipeline.Serving.Configuration;
using Pipeline.Serving.InferenceLog;
using Pipeline.Serving.Metrics;
using Pipeline.Serving.Model;
using Pipeline.Serving.Requests;
using Pipeline.Serving.Routing;

namespace Pipeline.Serving.Endpoints;

/// <summary>
/// <c>POST /predict</c>: one record (object) or a batch (array), keyed by the dataset's column names.
/// Answers <c>{"probability":…,"label":…,"modelVersion":…}</c> (an array for a batch), with
/// <c>"causes":{column: probability,…}</c> when the model has cause models, or 400 with
/// <c>{"error":…,"field":…}</c> for anything wrong with the input (415 when the body is not declared as JSON).
/// With <c>?explain=true</c> (or <c>"explain": true</c> in the record) each result also carries
/// <c>"explanation":[{"member":…,"baseValue":…,"rawScore":…,"probability":…,"features":{…},"fields":{…}},…]</c>: per member
/// model, the exact TreeSHAP contribution of every feature and of every input field to its raw (log-odds) score, which add
/// up with the base value to the raw score; 422 when the served version cannot be explained.
/// With canaries configured, the request's sticky key (<see cref="RoutingKey"/>) picks the version that answers; with
/// shadows, the request is queued for them after the answer (scored in batches by the <see cref="ShadowScorer"/>). The
/// answer names its version (<c>modelVersion</c>) and carries the request id (<c>X-Request-Id</c>: the caller's, else a new
/// one) that its inference-log records carry; it goes out with a Content-Length, in one write.
/// </summary>
public static class PredictEndpoint
{
    /// <summary>Handles one request.</summary>
    public static async Task HandleAsync(HttpContext context, ServedModelHolder holder, InferenceLogQueue inferenceLog, IOptions<ServingOptions> options,
        TrafficRouter router, ShadowQueue shadows)
    {
        var started = Stopwatch.GetTimestamp();
        // Read once: a swap during this request does not change the model it is scored with.
        var champion = holder.Current;
        if (champion is null)
        {
            ServingMetrics.PredictNotReady.Inc();
            await ErrorResponse.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, null, "No model is loaded yet; retry when /ready answers 200.");
            return;
        }

        PredictionRequest request;
        IReadOnlyList<ScoreResult> results;
        try
        {
            request = await PredictionRequestReader.ReadAsync(context.Request, options.Value.RequestLimits, context.RequestAborted);
        }
        catch (BadPredictionRequestException e)
        {
            ServingMetrics.PredictBadRequest.Inc();
            await ErrorResponse.WriteAsync(context, e.StatusCode, e.Field, e.Message);
            return;
        }
        var settings = options.Value;
        var routingKey = RoutingKey.Of(context.Request, request.Records, settings.RoutingKeyHeader, settings.RoutingKeyField);
        var (model, role) = router.Route(champion, routingKey);
        var requestId = context.Request.Headers.TryGetValue(RequestIdHeader, out var given) && !string.IsNullOrEmpty(given[0]) ? given[0]! : Guid.NewGuid().ToString("N");
        context.Response.Headers[RequestIdHeader] = requestId;
        try
        {
            if (settings.ArtificialDelayMilliseconds > 0)
            {
                await Task.Delay(settings.ArtificialDelayMilliseconds, context.RequestAborted);
            }
            results = model.Score(request.Records, request.IsBatch);
            if (request.Explain && model.ExplanationProblem is { } problem)
            {
                request.Dispose();
                ServingMetrics.PredictBadRequest.Inc();
                await ErrorResponse.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, PredictionRequestReader.ExplainFlag, problem);
                return;
            }
            var explanations = request.Explain ? model.Explain(request.Records) : null;
            await WriteResultsAsync(context, request.IsBatch, results, model.Version, model.CauseNames, explanations);
        }
        catch (InvalidRecordException e)
        {
            request.Dispose();
            ServingMetrics.PredictBadRequest.Inc();
            await ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, e.Field, e.Message);
            return;
        }
        catch (Exception e)
        {
            if (e is not OperationCanceledException) VersionMetrics.ObserveError(model.Version, role);
            // The inference log owns the request only once it is queued; until then its pooled buffer is ours to return.
            request.Dispose();
            throw;
        }

        ServingMetrics.ObserveScored(request.Records, results);
        model.LiveDrift?.Observe(request.Records, results);
        if (router.Shadows.Count > 0)
        {
            shadows.Enqueue(new ShadowRequest(request, requestId, routingKey));
        }
        inferenceLog.Enqueue(new InferenceLogEntry(request, results, model.Version, DateTimeOffset.UtcNow, role, requestId, routingKey));
        ServingMetrics.PredictOk.Inc();
        var elapsed = Stopwatch.GetElapsedTime(started);
        ServingMetrics.PredictDuration.Observe(elapsed.TotalSeconds);
        VersionMetrics.ObserveScored(model.Version, role, results, elapsed);
    }

    /// <summary>The header carrying the request id: read from the request when the caller sets it, always set on the answer.</summary>
    public const string RequestIdHeader = "X-Request-Id";

    private static async Task WriteResultsAsync(HttpContext context, bool isBatch, IReadOnlyList<ScoreResult> results, string modelVersion, IReadOnlyList<string> causeNames,
        IReadOnlyList<IReadOnlyList<MemberExplanation>>? explanations)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        var response = ResponseBuffer.Rent();
        try
        {
            WriteResults(response.Json, isBatch, results, modelVersion, causeNames, explanations);
            response.Json.Flush();
            context.Response.ContentLength = response.Buffer.WrittenCount;
            // Copied into the response pipe before any await: the per-thread buffer is free again at once.
            context.Response.BodyWriter.Write(response.Buffer.WrittenSpan);
        }
        finally
        {
            response.Return();
        }
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static void WriteResults(Utf8JsonWriter json, bool isBatch, IReadOnlyList<ScoreResult> results, string modelVersion, IReadOnlyList<string> causeNames,
        IReadOnlyList<IReadOnlyList<MemberExplanation>>? explanations)
    {
        if (isBatch)
        {
            json.WriteStartArray();
        }
        for (var r = 0; r < results.Count; r++)
        {
            var result = results[r];
            json.WriteStartObject();
            json.WriteNumber("probability", result.Probability);
            json.WriteBoolean("label", result.Label);
            if (result.CauseProbabilities is { } causes)
            {
                json.WriteStartObject("causes");
                for (var c = 0; c < causes.Length; c++) json.WriteNumber(causeNames[c], causes[c]);
                json.WriteEndObject();
            }
            json.WriteString("modelVersion", modelVersion);
            if (explanations is not null)
            {
                WriteExplanation(json, explanations[r]);
            }
            json.WriteEndObject();
        }
        if (isBatch)
        {
            json.WriteEndArray();
        }
    }

    private static void WriteExplanation(Utf8JsonWriter json, IReadOnlyList<MemberExplanation> members)
    {
        json.WriteStartArray("explanation");
        foreach (var member in members)
        {
            json.WriteStartObject();
            json.WriteString("member", member.Member);
            json.WriteNumber("baseValue", member.BaseValue);
            json.WriteNumber("rawScore", member.RawScore);
            json.WriteNumber("probability", member.Probability);
            WriteContributions(json, "features", member.Features);
            WriteContributions(json, "fields", member.Fields);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteContributions(Utf8JsonWriter json, string name, IReadOnlyList<Contribution> contributions)
    {
        json.WriteStartObject(name);
        foreach (var contribution in contributions)
        {
            json.WriteNumber(contribution.Name, contribution.Value);
        }
        json.WriteEndObject();
    }
}
