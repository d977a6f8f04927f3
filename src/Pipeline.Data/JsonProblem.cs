using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipeline.Data;

/// <summary>
/// Turns a <see cref="JsonException"/> from System.Text.Json into the part of a user-facing sentence that says where
/// the problem is and what was expected: "at $.columns[6].role (line 55): expected one of id, numeric, …". The raw
/// messages carry .NET type names and a "Path: … | LineNumber: … | BytePositionInLine: …" tail that mean nothing
/// to someone editing a JSON file.
/// </summary>
public static partial class JsonProblem
{
    /// <summary>Where (JSON path when known, 1-based line) and what went wrong, without a trailing full stop.</summary>
    public static string Describe(JsonException exception)
    {
        var where = exception.Path is { Length: > 1 } path ? $"at {path} " : "";
        var line = exception.LineNumber is { } l ? $"(line {l + 1})" : "(line unknown)";
        return $"{where}{line}: {WhatWasExpected(exception.Message)}";
    }

    private static string WhatWasExpected(string message)
    {
        var text = StripLocationTail(message);
        if (ConversionTarget().Match(text) is { Success: true } conversion)
            return $"expected {Expectation(conversion.Groups["type"].Value)}";
        if (UnmappedProperty().Match(text) is { Success: true } unmapped)
            return $"'{unmapped.Groups["name"].Value}' is not a known property here";
        if (text.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal))
            return "the text is empty; expected a JSON object";
        return text.TrimEnd('.');
    }

    // "… Path: $.x | LineNumber: 3 | BytePositionInLine: 4." or, from JsonDocument, "… LineNumber: 3 | …".
    private static string StripLocationTail(string message)
    {
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.Trim();
    }

    private static string Expectation(string typeName)
    {
        var inner = NullableOf().Match(typeName) is { Success: true } nullable ? nullable.Groups["type"].Value : typeName;
        switch (inner)
        {
            case "System.Int32" or "System.Int64" or "System.UInt64" or "System.UInt32": return "a whole number";
            case "System.Double" or "System.Single" or "System.Decimal": return "a number";
            case "System.String": return "a string";
            case "System.Boolean": return "true or false";
        }
        if (inner.StartsWith("System.Collections.Generic.IReadOnlyList", StringComparison.Ordinal)
            || inner.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal)
            || inner.EndsWith("[]", StringComparison.Ordinal))
            return "an array";
        if (inner.Contains("Dictionary", StringComparison.Ordinal)) return "an object";
        var type = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(inner)).FirstOrDefault(t => t is not null);
        if (type is { IsEnum: true })
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName));
        return type is not null && !type.IsPrimitive ? "an object" : "a value of another type";
    }

    [GeneratedRegex(@"could not be converted to (?<type>[^\s]+?)\.?$")]
    private static partial Regex ConversionTarget();

    [GeneratedRegex(@"The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<type>.+)\]$")]
    private static partial Regex NullableOf();
}
