using System.Text;
using System.Text.Json;

namespace Pipeline.Serving.Requests;

/// <summary>
/// A streaming pass over a /predict body that refuses it at the first thing beyond the <see cref="RequestLimits"/>
/// (nesting, batch length, fields per record, length of a field name, string or number) before any document,
/// dictionary or string is built from it. Syntax errors are left to the parser's own message.
/// </summary>
internal static class RequestShape
{
    private const int PreviewBytes = 64;

    /// <summary>Throws <see cref="BadPredictionRequestException"/> naming the record and field that break a limit.</summary>
    /// <exception cref="JsonException">The body is not JSON (the caller words it).</exception>
    public static void Check(ReadOnlySpan<byte> body, RequestLimits limits, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(body, options);
        var isBatch = false;
        var record = -1;
        var values = 0;
        var fieldDepth = 1;
        ReadOnlySpan<byte> field = default;
        var fieldIsEscaped = false;
        while (reader.Read())
        {
            var depth = reader.CurrentDepth;
            var token = reader.TokenType;
            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                continue;
            }
            if (depth == 0)
            {
                isBatch = token == JsonTokenType.StartArray;
                fieldDepth = isBatch ? 2 : 1;
                record = isBatch ? -1 : 0;
                continue;
            }
            if (isBatch && depth == 1)
            {
                // A new element of the batch: counted before it is read, so a million records cost no parse.
                record++;
                values = 0;
                field = default;
                if (record >= limits.MaxRecords)
                {
                    throw new BadPredictionRequestException("body", $"The batch has more than {limits.MaxRecords} records; at most {limits.MaxRecords} are accepted per request (Serving:MaxBatchRecords).");
                }
            }
            if (token is JsonTokenType.StartObject or JsonTokenType.StartArray && depth >= RequestLimits.MaxDepth)
            {
                throw new BadPredictionRequestException("body", $"The request body nests arrays or objects more than {RequestLimits.MaxDepth} levels deep; a record is a flat object keyed by column name.");
            }
            if (token == JsonTokenType.PropertyName)
            {
                if (reader.ValueSpan.Length > RequestLimits.MaxFieldNameBytes)
                {
                    throw new BadPredictionRequestException(RecordField(isBatch, record),
                        $"{Where(isBatch, record)} has a field name of {reader.ValueSpan.Length} bytes (\"{Preview(reader.ValueSpan)}\"); field names are the dataset's column names, at most {RequestLimits.MaxFieldNameBytes} bytes.");
                }
                if (depth == fieldDepth)
                {
                    field = reader.ValueSpan;
                    fieldIsEscaped = reader.ValueIsEscaped;
                }
            }
            // Every field, and every value nested in one, counts: a 100,000-element array inside a field costs as much as 100,000 fields.
            var isCounted = depth == fieldDepth ? token == JsonTokenType.PropertyName : depth > fieldDepth && token != JsonTokenType.PropertyName;
            if (isCounted && ++values > limits.MaxFieldsPerRecord)
            {
                throw new BadPredictionRequestException(RecordField(isBatch, record),
                    $"{Where(isBatch, record)} has more than {limits.MaxFieldsPerRecord} fields (or values nested in them); a record holds one value per column of the dataset (Serving:MaxFieldsPerRecord).");
            }
            if (token == JsonTokenType.String && reader.ValueSpan.Length > limits.MaxStringBytes)
            {
                var name = FieldName(field, fieldIsEscaped, RecordField(isBatch, record));
                throw new BadPredictionRequestException(name,
                    $"{Prefix(isBatch, record)}Field '{name}' is a string of {reader.ValueSpan.Length} bytes (\"{Preview(reader.ValueSpan)}\"); at most {limits.MaxStringBytes} bytes are accepted (Serving:MaxStringBytes).");
            }
            if (token == JsonTokenType.Number && reader.ValueSpan.Length > RequestLimits.MaxNumberBytes)
            {
                var name = FieldName(field, fieldIsEscaped, RecordField(isBatch, record));
                throw new BadPredictionRequestException(name,
                    $"{Prefix(isBatch, record)}Field '{name}' is a number of {reader.ValueSpan.Length} characters (\"{Preview(reader.ValueSpan)}\"); expected a finite number of at most {RequestLimits.MaxNumberBytes} characters.");
            }
        }
    }

    private static string Where(bool isBatch, int record) => isBatch ? $"Record {record}" : "The record";

    private static string RecordField(bool isBatch, int record) => isBatch ? $"[{record}]" : "body";

    private static string Prefix(bool isBatch, int record) => isBatch ? $"Record {record}: " : "";

    /// <summary>The field being read, decoded only now that an error names it; the record itself when there is none.</summary>
    private static string FieldName(ReadOnlySpan<byte> raw, bool isEscaped, string recordField)
    {
        if (raw.IsEmpty)
        {
            return recordField;
        }
        if (isEscaped)
        {
            try
            {
                return JsonSerializer.Deserialize<string>([(byte)'"', .. raw, (byte)'"']) ?? recordField;
            }
            catch (JsonException)
            {
                // Undecodable (a lone surrogate): the raw text still tells the client which field.
            }
        }
        return Encoding.UTF8.GetString(raw);
    }

    /// <summary>The first bytes of a token as text, with its full length when cut.</summary>
    private static string Preview(ReadOnlySpan<byte> raw) =>
        raw.Length <= PreviewBytes ? Encoding.UTF8.GetString(raw) : $"{Encoding.UTF8.GetString(raw[..PreviewBytes])}… ({raw.Length} bytes)";
}
