using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipeline.Serving.Tests;

/// <summary>
/// Posts a few hundred malformed /predict requests, generated from a fixed seed so that a failure reproduces,
/// to the service on real Kestrel: every answer must be a 4xx naming the field where there is one, and the
/// service must keep answering afterwards.
/// </summary>
public sealed class PredictRequestRejectionFuzzTests : IDisposable
{
    private readonly RegisteredModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Predict_HundredsOfMalformedBodies_AreAll4xxNamingTheField_AndTheServiceStaysReady()
    {
        await using var service = await RunningService.StartAsync(_folder.Version, "MaxBatchRecords=50");
        var cases = MalformedRequestCorpus.Generate(_folder.Example, new Random(MalformedRequestCorpus.Seed)).Concat(MalformedRequestCorpus.Hostile(_folder.Example)).ToList();

        var failures = new List<(string Kind, string Problem)>();
        foreach (var request in cases)
        {
            using var content = request.ToContent();
            using var response = await service.Http.PostAsync("predict", content);
            var text = await response.Content.ReadAsStringAsync();
            var problem = Check(request, (int)response.StatusCode, text);
            if (problem is not null)
            {
                failures.Add((request.Kind, $"{request.Kind} ({Preview(request.Body)}): {problem}"));
            }
        }

        Assert.True(cases.Count >= 400, $"only {cases.Count} cases were generated");
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {cases.Count} malformed requests were not a 4xx naming the field " +
            $"({string.Join(", ", failures.CountBy(f => f.Kind).Select(c => $"{c.Key}: {c.Value}"))}):\n" +
            string.Join("\n", failures.DistinctBy(f => f.Kind).Select(f => f.Problem)));
        using var ready = await service.Http.GetAsync("ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var valid = await service.Http.PostAsync("predict", new StringContent(_folder.Example.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    private static string? Check(MalformedRequest request, int status, string text)
    {
        if (status is < 400 or > 499)
        {
            return $"answered {status}: {text}";
        }
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return $"answered {status} with a body that is not the JSON error: {text}";
        }
        var error = body?["error"]?.GetValue<string>();
        var field = body?["field"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(error))
        {
            return $"answered {status} without an error sentence: {text}";
        }
        if (field != request.Field)
        {
            return $"named the field {field ?? "null"} instead of {request.Field}: {error}";
        }
        // A column name must also be in the sentence a person reads.
        var isColumn = request.Field is not ("body" or "Content-Type") && !request.Field.StartsWith('[');
        return isColumn && !error.Contains(request.Field, StringComparison.Ordinal) ? $"the sentence does not name {request.Field}: {error}" : null;
    }

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 80)]);
        return body.Length > 80 ? text + "…" : text;
    }
}
