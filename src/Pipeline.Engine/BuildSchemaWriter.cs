using System.Text;

namespace Pipeline.Engine;

/// <summary>
/// Keeps <c>.nuke/build.schema.json</c> in step with the build's parameters (as Nuke does), so editors complete
/// and check <c>.nuke/parameters*.json</c>. Written only when its content would change.
/// </summary>
internal static class BuildSchemaWriter
{
    public static void Update(AbsolutePath root, IReadOnlyList<ParameterMember> parameters)
    {
        var file = root / ".nuke" / "build.schema.json";
        var schema = Schema(parameters);
        try
        {
            if (file.FileExists() && File.ReadAllText(file) == schema) return;
            File.WriteAllText(file, schema);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only an editor aid: a read-only checkout must still build.
            Log.Debug($"Could not update {file}: {e.Message}");
        }
    }

    public static string Schema(IReadOnlyList<ParameterMember> parameters)
    {
        // Written by hand rather than with System.Text.Json: loading that costs more start-up time than the
        // whole rest of a small build.
        var json = new StringBuilder();
        json.Append("{\n");
        json.Append("  \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n");
        json.Append("  \"title\": \"Build Schema\",\n");
        json.Append("  \"description\": \"Parameter values for ./build.sh; the command line and environment variables override them.\",\n");
        json.Append("  \"type\": \"object\",\n");
        json.Append("  \"properties\": {\n");
        json.Append("    \"$schema\": { \"type\": \"string\" }");
        foreach (var parameter in parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var description = parameter.IsSecret
                ? parameter.Description + " (secret: give it as an environment variable, never in a committed file)"
                : parameter.Description;
            json.Append(",\n    ").Append(Quote(parameter.Name)).Append(": { \"description\": ").Append(Quote(description.Trim()))
                .Append(", ").Append(TypeOf(parameter.ValueType)).Append(" }");
        }
        json.Append("\n  }\n}\n");
        return json.ToString();
    }

    private static string TypeOf(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (ValueConverter.IsCollection(target, out var element))
            return "\"type\": \"array\", \"items\": { " + TypeOf(element) + " }";
        if (target.IsEnum)
            return "\"type\": \"string\", \"enum\": [" + string.Join(", ", Enum.GetNames(target).Select(Quote)) + "]";
        var name = target == typeof(bool) ? "boolean"
            : ValueConverter.IsInteger(target) ? "integer"
            : ValueConverter.IsFraction(target) ? "number"
            : "string";
        return "\"type\": \"" + name + "\"";
    }

    private static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (c < ' ') quoted.Append("\\u").Append(((int)c).ToString("x4"));
                    else quoted.Append(c);
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }
}
