using System.Text;
using Microsoft.AspNetCore.Http;
using Pipeline.Serving.Requests;

namespace Pipeline.Serving.Tests;

public sealed class PredictionRequestReaderTests
{
    private static PredictionRequest Parse(string body) => PredictionRequestReader.Parse(Encoding.UTF8.GetBytes(body), maxRecords: 3);

    [Fact]
    public void Object_IsOneRecordKeyedByColumnName()
    {
        using var request = Parse("""{"Type":"L","Torque [Nm]":40.5}""");

        Assert.False(request.IsBatch);
        var record = Assert.Single(request.Records);
        Assert.Equal("L", record["Type"].GetString());
        Assert.Equal(40.5, record["Torque [Nm]"].GetDouble());
    }

    [Fact]
    public void Array_IsABatchInRequestOrder()
    {
        using var request = Parse("""[{"a":1},{"a":2}]""");

        Assert.True(request.IsBatch);
        Assert.Equal([1, 2], request.Records.Select(r => r["a"].GetInt32()));
    }

    [Theory]
    [InlineData("{\"a\": ", "body", "not valid JSON")]
    [InlineData("", "body", "empty")]
    [InlineData("[]", "body", "empty array")]
    [InlineData("42", "body", "JSON number")]
    [InlineData("[{\"a\":1}, 7]", "[1]", "Record 1 is a JSON number")]
    [InlineData("{\"a\":1,\"a\":2}", "a", "\"a\" more than once")]
    [InlineData("[{},{},{},{}]", "body", "at most 3")]
    public void MalformedBody_IsRefusedNamingTheField(string body, string field, string expected)
    {
        var error = Assert.Throws<BadPredictionRequestException>(() => Parse(body));

        Assert.Equal(field, error.Field);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task BodyLargerThanTheLimit_IsRefusedEvenWithoutContentLength()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', 5000) + "\"}"));

        var error = await Assert.ThrowsAsync<BadPredictionRequestException>(() =>
            PredictionRequestReader.ReadAsync(context.Request, maxBytes: 1024, maxRecords: 10, CancellationToken.None));

        Assert.Equal("body", error.Field);
        Assert.Contains("larger than the limit of 1024 bytes", error.Message);
    }
}
