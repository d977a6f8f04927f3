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
    public void InvalidUtf8_IsRefusedNamingTheByteWhereItStarts()
    {
        byte[] body = [.. "{\"Type\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var error = Assert.Throws<BadPredictionRequestException>(() => PredictionRequestReader.Parse(body, maxRecords: 3));

        Assert.Equal("body", error.Field);
        Assert.Contains("not valid UTF-8 (byte 10 ", error.Message);
    }

    [Fact]
    public void EscapedLoneSurrogateInAValue_IsRefusedNamingTheField()
    {
        var error = Assert.Throws<BadPredictionRequestException>(() => Parse("""[{"Type":"L"},{"Type":"L\uD800"}]"""));

        Assert.Equal("Type", error.Field);
        Assert.Contains("Record 1", error.Message);
        Assert.Contains("lone UTF-16 surrogate", error.Message);
    }

    [Fact]
    public void EscapedLoneSurrogateInAName_IsRefusedAsTheBody()
    {
        var error = Assert.Throws<BadPredictionRequestException>(() => Parse("""{"Torque\uDC00":1}"""));

        Assert.Equal("body", error.Field);
        Assert.Contains("field name", error.Message);
    }

    [Fact]
    public void EscapedCharactersThatAreText_AreAccepted()
    {
        using var request = Parse("""{"Type":"\u004C","Note":"caf\u00e9 \uD83D\uDE00"}""");

        Assert.Equal("L", request.Records[0]["Type"].GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("Application/JSON; charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/problem+json")]
    public void JsonContentTypes_AreAccepted(string? contentType) => JsonContentType.Require(contentType);

    [Theory]
    [InlineData("text/plain", "text/plain")]
    [InlineData("application/x-www-form-urlencoded", "application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16", "charset=utf-16")]
    [InlineData("json", "\"json\" cannot be read")]
    public void OtherContentTypes_Are415NamingTheHeader(string contentType, string expected)
    {
        var error = Assert.Throws<BadPredictionRequestException>(() => JsonContentType.Require(contentType));

        Assert.Equal(415, error.StatusCode);
        Assert.Equal("Content-Type", error.Field);
        Assert.Contains(expected, error.Message);
        Assert.Contains("Content-Type: application/json", error.Message);
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
