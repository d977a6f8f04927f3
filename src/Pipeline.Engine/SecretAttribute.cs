namespace Pipeline.Engine;

/// <summary>
/// Marks a parameter as secret: its value is shown as <c>***</c> in <c>--help</c> and is replaced by <c>***</c>
/// wherever it would appear in the build's output (logs, failure messages, the summary).
/// Give secrets through environment variables, not committed parameter files.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute
{
}
