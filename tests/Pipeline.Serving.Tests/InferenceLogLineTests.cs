using System.Buffers;
using System.Text;
using System.Text.Json;
using Pipeline.Modeling.Scoring;
using Pipeline.Serving.InferenceLog;
using Pipeline.Serving.Requests;

namespace Pipeline.Serving.Tests;

/// <summary>
/// One inference-log line per record, whatever the body looked like: the record's fields as received, one line each,
/// never the request's "explain" flag.
/// </summary>
public sealed class InferenceLogLineTests
{
    [Fact]
    public void PrettyPrintedBatch_IsLoggedOneLinePerRecord_WithEachRecordsFields()
    {
        var body = "[\n  {\n    \"Type\": \"L\",\n    \"Torque [Nm]\": 40.5\n  },\n  {\"Type\": \"M\", \"Torque [Nm]\": 12}\n]";

        var lines = LinesOf(body);

        Assert.Equal(2, lines.Length);
        Assert.Equal("""{"Type":"L","Torque [Nm]":40.5}""", Features(lines[0]));
        Assert.Equal("""{"Type":"M","Torque [Nm]":12}""", Features(lines[1]));
    }

    [Fact]
    public void ExplainFlagInTheRecord_IsNotLoggedAsAFeature()
    {
        var lines = LinesOf("""{"Type":"L","explain":true,"Torque [Nm]":40.5}""");

        Assert.Equal("""{"Type":"L","Torque [Nm]":40.5}""", Features(Assert.Single(lines)));
    }

    [Fact]
    public void OneLineRecord_IsLoggedWithItsValuesAsReceived_AndTheLinesOtherFields()
    {
        var lines = LinesOf("""{"Type":"H", "Torque [Nm]":1.50e1, "Note":"caf\u00e9"}""");

        var line = JsonDocument.Parse(Assert.Single(lines)).RootElement;
        Assert.Equal("1.50e1", line.GetProperty(InferenceLogFormat.Features).GetProperty("Torque [Nm]").GetRawText());
        Assert.Equal("café", line.GetProperty(InferenceLogFormat.Features).GetProperty("Note").GetString());
        Assert.Equal("7", line.GetProperty(InferenceLogFormat.ModelVersion).GetString());
        Assert.Equal("req-1", line.GetProperty(InferenceLogFormat.RequestId).GetString());
        Assert.Equal(0.25, line.GetProperty(InferenceLogFormat.Score).GetDouble());
    }

    private static string[] LinesOf(string body)
    {
        using var request = PredictionRequestReader.Parse(Encoding.UTF8.GetBytes(body), maxRecords: 10);
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, ReadableJson.Options);
        var received = request.IsBatch ? request.Body.EnumerateArray().ToList() : [request.Body];
        for (var i = 0; i < request.Records.Count; i++)
        {
            InferenceLogLine.Write(json, buffer, request.Records[i], received[i], new ScoreResult(0.25, false), "7",
                DateTimeOffset.UnixEpoch, InferenceLogFormat.ChampionRole, "req-1", null);
        }
        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.EndsWith("\n", text);
        return text.TrimEnd('\n').Split('\n');
    }

    // The features object re-serialised compactly, to compare field names and values whatever their spacing.
    private static string Features(string line) =>
        JsonSerializer.Serialize(JsonDocument.Parse(line).RootElement.GetProperty(InferenceLogFormat.Features));
}
