using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Serving.Requests;

namespace Pipeline.Serving.Tests;

/// <summary>
/// Bodies under the size limit built to cost memory or to be echoed (a 1 MB string, 100,000 keys, a 10 KB field
/// name, a 1,000-digit number, deep nesting): refused with a 400 naming the field, quoting a short prefix only.
/// </summary>
public sealed class HostileRequestTests : IDisposable
{
    private static readonly RequestLimits Limits = new(4 * 1024 * 1024, 10_000);
    private readonly RegisteredModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static BadPredictionRequestException Refused(string body) =>
        Assert.Throws<BadPredictionRequestException>(() => PredictionRequestReader.Parse(Encoding.UTF8.GetBytes(body), Limits));

    [Fact]
    public void AStringLongerThanTheLimit_IsRefusedNamingTheField_QuotingAPrefixAndItsLength()
    {
        var error = Refused($$"""{"Torque [Nm]":1,"Type":"{{new string('L', 1_000_000)}}"}""");

        Assert.Equal("Type", error.Field);
        Assert.Contains("Field 'Type' is a string of 1000000 bytes", error.Message);
        Assert.Contains("… (1000000 bytes)", error.Message);
        Assert.True(error.Message.Length < 400, error.Message);
    }

    [Fact]
    public void AnObjectWithMoreFieldsThanTheLimit_IsRefusedBeforeTheRecordIsBuilt()
    {
        var body = "{" + string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"\"k{i}\":{i}")) + "}";

        var error = Refused(body);

        Assert.Equal("body", error.Field);
        Assert.Contains($"more than {RequestLimits.DefaultMaxFieldsPerRecord} fields", error.Message);
    }

    [Fact]
    public void AnArrayOfManyValuesInsideAField_CountsAgainstTheFieldLimit_NamingTheRecordOfABatch()
    {
        var body = """[{"Type":"L"},{"Type":[""" + string.Join(",", Enumerable.Repeat("1", 10_000)) + "]}]";

        var error = Refused(body);

        Assert.Equal("[1]", error.Field);
        Assert.StartsWith("Record 1 has more than", error.Message);
    }

    [Fact]
    public void AFieldNameLongerThanTheLimit_IsRefusedQuotingAPrefix()
    {
        var error = Refused($$"""{"{{new string('x', 10_000)}}":1}""");

        Assert.Equal("body", error.Field);
        Assert.Contains("field name of 10000 bytes", error.Message);
        Assert.True(error.Message.Length < 400, error.Message);
    }

    [Fact]
    public void ANumberOfAThousandDigits_IsRefusedNamingTheField_QuotingAPrefix()
    {
        var error = Refused($$"""[{"Torque [Nm]":{{new string('9', 1000)}}}]""");

        Assert.Equal("Torque [Nm]", error.Field);
        Assert.StartsWith("Record 0: Field 'Torque [Nm]' is a number of 1000 characters", error.Message);
        Assert.True(error.Message.Length < 400, error.Message);
    }

    [Fact]
    public void NestingDeeperThanTheLimit_IsRefusedAsTheBody()
    {
        var error = Refused(new string('[', 100) + new string(']', 100));

        Assert.Equal("body", error.Field);
        Assert.Contains($"more than {RequestLimits.MaxDepth} levels deep", error.Message);
    }

    [Fact]
    public void ABatchLongerThanTheLimit_IsRefusedWhileScanning()
    {
        var error = Assert.Throws<BadPredictionRequestException>(() =>
            PredictionRequestReader.Parse(Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("{}", 20)) + "]"), new RequestLimits(1 << 20, 5)));

        Assert.Equal("body", error.Field);
        Assert.Contains("at most 5 are accepted", error.Message);
    }

    /// <summary>Posts the example record with <paramref name="type"/> as its Type value to a running service.</summary>
    private async Task<(HttpStatusCode Status, string Body)> PostTypeAsync(string type)
    {
        await using var service = await RunningService.StartAsync(_folder.Version);
        var record = _folder.Example.DeepClone().AsObject();
        record["Type"] = type;
        using var response = await service.Http.PostAsync("predict", new StringContent(record.ToJsonString(), Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Predict_AMegabyteCategoryValue_Answers400WithAShortBody()
    {
        var (status, text) = await PostTypeAsync(new string('L', 1_000_000));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Type", JsonNode.Parse(text)!["field"]!.GetValue<string>());
        Assert.True(text.Length < 1024, $"a {text.Length}-character error body");
    }

    [Fact]
    public async Task Predict_AnUnseenCategoryWithinTheStringLimit_IsQuotedByAPrefixOnly()
    {
        var (status, text) = await PostTypeAsync(new string('Q', 1000));
        var error = JsonNode.Parse(text)!["error"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("… (1000 chars)", error);
        Assert.DoesNotContain(new string('Q', 100), error);
    }

    [Fact]
    public async Task PostToMetrics_Answers405_WhileGetServesThem()
    {
        await using var service = await RunningService.StartAsync(_folder.Version);

        using var post = await service.Http.PostAsync("metrics", new StringContent(""));
        using var get = await service.Http.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }
}
