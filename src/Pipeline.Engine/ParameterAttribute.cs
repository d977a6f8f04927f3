namespace Pipeline.Engine;

/// <summary>
/// Marks a field or property of the build (or a property of a build component interface) as a parameter.
/// Values come from, highest precedence first:
/// <list type="number">
/// <item>the command line: <c>--data-path x</c> or <c>--DataPath x</c> (a bool given without a value means true;
/// an array takes every following value up to the next option);</item>
/// <item>an environment variable whose name equals the parameter's name ignoring case and underscores
/// (<c>DATA_PATH</c>, <c>DataPath</c>, <c>data_path</c>; arrays separated by commas);</item>
/// <item><c>.nuke/parameters.&lt;profile&gt;.json</c> for each <c>--profile</c> given (a later profile wins);</item>
/// <item><c>.nuke/parameters.json</c> (keys are member names, compared ignoring case);</item>
/// <item>the member's initial value (its field initialiser).</item>
/// </list>
/// Supported types: string, bool, integers, floating-point numbers, decimal, enums, <see cref="AbsolutePath"/>
/// (relative values are resolved against the root directory), their nullable forms, and arrays or lists of those.
/// A component property without a setter reads its value with <see cref="INukeBuild.TryGetValue{T}(System.Linq.Expressions.Expression{System.Func{T}})"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute : Attribute
{
    /// <summary>Declares a parameter with the description shown by <c>--help</c>.</summary>
    public ParameterAttribute(string? description = null) => Description = description;

    /// <summary>The description shown by <c>--help</c>.</summary>
    public string? Description { get; }

    /// <summary>An alternative name for the command line and the files (the member name is used when null).</summary>
    public string? Name { get; set; }
}
