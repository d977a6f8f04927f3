using System.Text.RegularExpressions;

namespace Pipeline.Engine.Ci.GitHubActions;

/// <summary>Writes a string as a YAML scalar: plain when YAML reads it back as the same string, else single-quoted.</summary>
internal static partial class YamlScalar
{
    public static string Of(string value) =>
        value.Length > 0 && SafePlain().IsMatch(value) && !value.Contains(": ") && !value.Contains(" #") && !value.EndsWith(':') && !value.Contains('*') && !LooksTyped().IsMatch(value)
            ? value
            : "'" + value.Replace("'", "''") + "'";

    // '*' is legal inside a plain scalar, but a cron expression reads better quoted, as GitHub's documentation writes it.
    // A plain scalar may not start with an indicator character and may not hold a line break.
    [GeneratedRegex(@"^[^\s\-?:,\[\]{}#&*!|>'""%@`][^\r\n]*(?<!\s)$")]
    private static partial Regex SafePlain();

    // Words YAML would read as a boolean, null or number.
    [GeneratedRegex(@"^(?i:true|false|yes|no|on|off|y|n|null|~)$|^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")]
    private static partial Regex LooksTyped();
}
