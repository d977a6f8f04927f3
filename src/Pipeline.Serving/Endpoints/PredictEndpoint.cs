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
/// </summary>
public static class PredictEndpoint
{
    /// <summary>Handles one request.</summary>
    public static async Task HandleAsync(HttpContext context, ServedModelHolder holder, InferenceLogQueue inferenceLog, IOptions<ServingOptions> options)
    {
        var started = Stopwatch.GetTimestamp();
        // Read once: a swap during this request does not change the model it is scored with.
        var model = holder.Current;
        if (model is null)
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
        try
        {
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
        catch
        {
            // The inference log owns the request only once it is queued; until then its pooled buffer is ours to return.
            request.Dispose();
            throw;
        }

        ServingMetrics.ObserveScored(request.Records, results);
        model.LiveDrift?.Observe(request.Records, results);
        inferenceLog.Enqueue(new InferenceLogEntry(request, results, model.Version, DateTimeOffset.UtcNow));
        ServingMetrics.PredictOk.Inc();
        ServingMetrics.PredictDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static async Task WriteResultsAsync(HttpContext context, bool isBatch, IReadOnlyList<ScoreResult> results, string modelVersion, IReadOnlyList<string> causeNames,
        IReadOnlyList<IReadOnlyList<MemberExplanation>>? explanations)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await using (var json = new Utf8JsonWriter(context.Response.BodyWriter))
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
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
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
