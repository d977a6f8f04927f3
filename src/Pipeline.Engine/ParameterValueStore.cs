using System.Runtime.CompilerServices;

namespace Pipeline.Engine;

/// <summary>
/// Resolved parameter values per build instance, for parameter properties without a setter (component
/// interfaces), which read them through <see cref="INukeBuild.TryGetValue{T}(System.Linq.Expressions.Expression{System.Func{T}})"/>. Keyed weakly by the instance so
/// values stay readable after the run and vanish with the build.
/// </summary>
internal static class ParameterValueStore
{
    private static readonly ConditionalWeakTable<object, Dictionary<string, object?>> Values = new();

    public static void Set(object build, string memberName, object? value)
    {
        var values = Values.GetValue(build, _ => new Dictionary<string, object?>(StringComparer.Ordinal));
        lock (values) values[memberName] = value;
    }

    public static bool TryGet(object build, string memberName, out object? value)
    {
        value = null;
        if (!Values.TryGetValue(build, out var values)) return false;
        lock (values) return values.TryGetValue(memberName, out value);
    }
}
