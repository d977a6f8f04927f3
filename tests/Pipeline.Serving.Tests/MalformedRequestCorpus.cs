using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipeline.Serving.Tests;

/// <summary>One malformed request and what the answer must name.</summary>
/// <param name="Kind">What is wrong, for the failure message.</param>
/// <param name="Body">The exact bytes sent.</param>
/// <param name="ContentType">The Content-Type header, or null for none.</param>
/// <param name="Field">The field the answer must name (a column, <c>body</c>, <c>[i]</c> or <c>Content-Type</c>).</param>
/// <param name="Chunked">Sent without Content-Length (chunked), which takes the reader's other path.</param>
public sealed record MalformedRequest(string Kind, byte[] Body, string? ContentType, string Field, bool Chunked)
{
    /// <summary>The request's content: chunked (no Content-Length) when <see cref="Chunked"/>, with its Content-Type.</summary>
    public HttpContent ToContent()
    {
        var content = Chunked ? (HttpContent)new StreamContent(new UnseekableStream(Body)) : new ByteArrayContent(Body);
        if (ContentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        }
        return content;
    }

    /// <summary>A stream HttpClient cannot measure, so the body goes out chunked without Content-Length.</summary>
    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}

/// <summary>
/// Malformed /predict requests generated from a seed around a valid record (so a failure reproduces), plus the
/// hostile ones built to cost memory or be echoed; shared by the fuzz test and the memory test.
/// </summary>
public static class MalformedRequestCorpus
{
    /// <summary>The seed of the corpus the tests use.</summary>
    public const int Seed = 20261126;

    /// <summary>Cases generated of each kind.</summary>
    public const int CasesPerKind = 40;

    /// <summary>
    /// Bodies under the default 4 MB limit that once cost memory or came back whole: a 1 MB string value,
    /// a 100,000-key object, a 10 KB field name, a 1,000-digit number.
    /// </summary>
    public static IEnumerable<MalformedRequest> Hostile(JsonObject example)
    {
        var longString = example.DeepClone().AsObject();
        longString["Type"] = new string('L', 1_000_000);
        yield return new("1 MB string value", Encoding.UTF8.GetBytes(longString.ToJsonString()), "application/json", "Type", false);
        var keys = "{" + string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"\"k{i}\":{i}")) + "}";
        yield return new("100,000 keys", Encoding.UTF8.GetBytes(keys), "application/json", "body", false);
        yield return new("10 KB field name", Encoding.UTF8.GetBytes($"{{\"{new string('x', 10_000)}\":1}}"), "application/json", "body", true);
        yield return new("1,000-digit number", Encoding.UTF8.GetBytes(ReplaceRaw(example, "Torque [Nm]", new string('9', 1000))), "application/json", "Torque [Nm]", false);
    }

    /// <summary>The generated corpus: <see cref="CasesPerKind"/> cases of each kind, from <paramref name="random"/>.</summary>
    public static IEnumerable<MalformedRequest> Generate(JsonObject example, Random random)
    {
        var fields = example.Select(p => p.Key).ToList();
        var numericFields = example.Where(p => p.Value is JsonValue v && v.TryGetValue<double>(out _)).Select(p => p.Key).ToList();
        var exampleBytes = Encoding.UTF8.GetBytes(example.ToJsonString());
        MalformedRequest Json(string kind, byte[] body, string field) => new(kind, body, PickJsonContentType(random), field, random.Next(4) == 0);
        MalformedRequest Text(string kind, string body, string field) => Json(kind, Encoding.UTF8.GetBytes(body), field);

        for (var i = 0; i < CasesPerKind; i++)
        {
            // Truncated JSON: every proper prefix of an object is invalid (the empty one is the empty body).
            yield return Json("truncated JSON", exampleBytes[..random.Next(0, exampleBytes.Length)], "body");

            // A value of the wrong type, or outside what the schema accepts.
            var field = fields[random.Next(fields.Count)];
            var wrong = example.DeepClone().AsObject();
            wrong[field] = WrongValue(random, isNumeric: numericFields.Contains(field));
            yield return Text("wrong type", wrong.ToJsonString(), field);

            // Numbers no double holds, or far outside the column's range.
            var numeric = numericFields[random.Next(numericFields.Count)];
            yield return Text("huge number", ReplaceRaw(example, numeric, HugeNumber(random)), numeric);

            // Deeply nested arrays: as the body (beyond the parser's depth limit) and as a field's value.
            var depth = random.Next(9, 5000);
            yield return Text("deeply nested body", new string('[', depth) + new string(']', depth), "body");
            var shallow = random.Next(1, 6);
            yield return Text("nested array value", ReplaceRaw(example, field, new string('[', shallow) + "1" + new string(']', shallow)), field);

            // Invalid UTF-8 in a value, in a key, or between tokens.
            yield return Json("invalid UTF-8", WithInvalidUtf8(random, exampleBytes), "body");

            // Escaped lone surrogates: valid JSON syntax, but no string can hold them.
            var surrogate = random.Next(2) == 0 ? "\\uD800" : "\\uDFFF";
            yield return random.Next(2) == 0
                ? Text("lone surrogate in a value", ReplaceRaw(example, "Type", $"\"L{surrogate}\""), "Type")
                : Text("lone surrogate in a key", example.ToJsonString().Insert(1, $"\"Torque{surrogate}\":1,"), "body");

            // Empty or whitespace-only body, with and without a Content-Type.
            yield return new MalformedRequest("empty body", Encoding.UTF8.GetBytes(new string(' ', random.Next(0, 3))), random.Next(2) == 0 ? null : "application/json", "body", false);

            // A body that is not declared as JSON.
            yield return new MalformedRequest("wrong content type", exampleBytes, WrongContentType(random), "Content-Type", random.Next(4) == 0);

            // A batch in which one record is bad.
            yield return BatchWithOneBadRecord(example, random, fields);

            // Random bytes.
            var noise = new byte[random.Next(1, 200)];
            random.NextBytes(noise);
            noise[0] = (byte)"{[\"x0-tfn#"[random.Next(10)];
            yield return Json("random bytes", noise, "body");
        }
    }

    private static MalformedRequest BatchWithOneBadRecord(JsonObject example, Random random, IReadOnlyList<string> fields)
    {
        var count = random.Next(2, 20);
        var bad = random.Next(count);
        var records = new JsonArray(Enumerable.Range(0, count).Select(_ => (JsonNode)example.DeepClone()).ToArray());
        string field;
        switch (random.Next(4))
        {
            case 0:
                field = fields[random.Next(fields.Count)];
                records[bad]!.AsObject().Remove(field);
                break;
            case 1:
                field = fields[random.Next(fields.Count)];
                records[bad]![field] = JsonValue.Create(random.Next(2) == 0 ? "NaN" : "forty");
                break;
            case 2:
                field = "Machine failure";
                records[bad]![field] = 1;
                break;
            default:
                field = $"[{bad}]";
                records[bad] = random.Next(2) == 0 ? JsonValue.Create(7) : new JsonArray(1, 2);
                break;
        }
        return new MalformedRequest("batch with one bad record", Encoding.UTF8.GetBytes(records.ToJsonString()), "application/json", field, random.Next(4) == 0);
    }

    private static JsonNode? WrongValue(Random random, bool isNumeric) => random.Next(6) switch
    {
        0 => null,
        1 => JsonValue.Create(true),
        2 => new JsonObject { ["value"] = 1 },
        3 => new JsonArray(),
        4 => JsonValue.Create(isNumeric ? (random.Next(2) == 0 ? "NaN" : "12") : "no such category"),
        _ => isNumeric ? JsonValue.Create(-1e6 * (1 + random.NextDouble())) : JsonValue.Create(random.Next(-5, 5)),
    };

    private static string HugeNumber(Random random) => random.Next(4) switch
    {
        0 => $"1e{random.Next(309, 100_000)}",
        1 => $"-{random.Next(1, 9)}.5E+{random.Next(309, 400)}",
        2 => "9" + new string('9', random.Next(310, 2000)),
        _ => $"{random.Next(1, 9)}e{random.Next(10, 308)}",
    };

    private static string ReplaceRaw(JsonObject record, string field, string rawValue)
    {
        const string marker = "\"__fuzz_marker__\"";
        var copy = record.DeepClone().AsObject();
        copy[field] = "__fuzz_marker__";
        return copy.ToJsonString().Replace(marker, rawValue, StringComparison.Ordinal);
    }

    private static byte[] WithInvalidUtf8(Random random, byte[] json)
    {
        byte[][] invalid = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xC0, 0xAF]];
        var sequence = invalid[random.Next(invalid.Length)];
        var text = Encoding.UTF8.GetString(json);
        // Inside the Type value, inside a key, or at a random position.
        var position = random.Next(3) switch
        {
            0 => Encoding.UTF8.GetByteCount(text[..(text.IndexOf("\"Type\":\"", StringComparison.Ordinal) + 8)]),
            1 => 2,
            _ => random.Next(1, json.Length),
        };
        return [.. json[..position], .. sequence, .. json[position..]];
    }

    private static string? PickJsonContentType(Random random) => random.Next(5) switch
    {
        0 => null,
        1 => "application/json; charset=utf-8",
        2 => "application/problem+json",
        _ => "application/json",
    };

    private static string WrongContentType(Random random) => random.Next(6) switch
    {
        0 => "text/plain",
        1 => "application/x-www-form-urlencoded",
        2 => "multipart/form-data; boundary=x",
        3 => "application/xml",
        4 => "application/json; charset=utf-16",
        _ => "application/octet-stream",
    };
}
