using System.Linq.Expressions;

namespace Pipeline.Engine;

/// <summary>
/// What a build offers to build components: interfaces deriving from this one declare targets and parameters as
/// default members, and any build class implementing them gets those targets
/// (<c>interface ICleanArtifacts : INukeBuild { Target Clean => _ => _.Executes(...); }</c>).
/// </summary>
public interface INukeBuild
{
    /// <summary>The repository root (the folder holding <c>.nuke/</c>, or <c>--root</c>).</summary>
    AbsolutePath RootDirectory { get; }

    /// <summary><c>RootDirectory/artifacts</c>, where targets write what they produce.</summary>
    AbsolutePath ArtifactsDirectory { get; }

    /// <summary>
    /// The value of a parameter property that has no setter, e.g.
    /// <c>[Parameter("…")] string Configuration => TryGetValue(() => Configuration) ?? "Release";</c>.
    /// Returns default when the parameter was not given.
    /// </summary>
    T? TryGetValue<T>(Expression<Func<T>> parameter)
    {
        if (parameter.Body is not MemberExpression member)
            throw new ArgumentException("TryGetValue expects a member access such as () => Configuration.", nameof(parameter));
        return ParameterValueStore.TryGet(this, member.Member.Name, out var value) && value is T typed ? typed : default;
    }

    /// <summary>
    /// The value of a component's parameter, or <paramref name="defaultValue"/> when no source gave one; for value-type
    /// parameters whose default is not the type's default, e.g. <c>int Port => TryGetValue(() => Port, 8080);</c>.
    /// </summary>
    T TryGetValue<T>(Expression<Func<T>> parameter, T defaultValue)
    {
        if (parameter.Body is not MemberExpression member)
            throw new ArgumentException("TryGetValue expects a member access such as () => Configuration.", nameof(parameter));
        return ParameterValueStore.TryGet(this, member.Member.Name, out var value) && value is T typed ? typed : defaultValue;
    }
}
