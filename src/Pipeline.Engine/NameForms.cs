using System.Text;

namespace Pipeline.Engine;

/// <summary>The spellings of a member name: <c>DataPath</c>, <c>data-path</c>, <c>DATA_PATH</c>, and the key they share.</summary>
internal static class NameForms
{
    /// <summary>The comparison key: lower case without '-' or '_' (so <c>--data-path</c>, <c>--DataPath</c> and <c>DATA_PATH</c> match).</summary>
    public static string Key(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
            if (c != '-' && c != '_')
                builder.Append(char.ToLowerInvariant(c));
        return builder.ToString();
    }

    /// <summary><c>DataPath</c> → <c>data-path</c>; <c>AIModel</c> → <c>ai-model</c>.</summary>
    public static string Kebab(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                    builder.Append('-');
            }
            builder.Append(c == '_' ? '-' : char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    /// <summary><c>DataPath</c> → <c>DATA_PATH</c>.</summary>
    public static string UpperSnake(string name) => Kebab(name).Replace('-', '_').ToUpperInvariant();
}
