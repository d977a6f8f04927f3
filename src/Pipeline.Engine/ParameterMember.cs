using System.Reflection;

namespace Pipeline.Engine;

/// <summary>One <see cref="ParameterAttribute"/> member of the build class or of a component interface.</summary>
internal sealed class ParameterMember
{
    private ParameterMember(MemberInfo member, ParameterAttribute attribute, Type valueType, bool isSecret)
    {
        Member = member;
        Name = attribute.Name ?? member.Name;
        Description = attribute.Description ?? "";
        ValueType = valueType;
        IsSecret = isSecret;
    }

    public MemberInfo Member { get; }
    public string Name { get; }
    public string Description { get; }
    public Type ValueType { get; }
    public bool IsSecret { get; }

    /// <summary>Where the current value came from, e.g. "command line", "environment (DATA_PATH)", "default".</summary>
    public string Source { get; set; } = "default";

    public string OptionName => "--" + NameForms.Kebab(Name);

    /// <summary>False for get-only properties, whose value is read through <see cref="INukeBuild.TryGetValue{T}(System.Linq.Expressions.Expression{System.Func{T}})"/>.</summary>
    public bool CanSet => Member is FieldInfo || (Member is PropertyInfo { CanWrite: true });

    public static IReadOnlyList<ParameterMember> Discover(Type buildType)
    {
        var found = new List<ParameterMember>();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

        void Add(MemberInfo member, Type valueType)
        {
            var attribute = member.GetCustomAttribute<ParameterAttribute>();
            if (attribute is null) return;
            var parameter = new ParameterMember(member, attribute, valueType, member.IsDefined(typeof(SecretAttribute)));
            var key = NameForms.Key(parameter.Name);
            if (keys.TryGetValue(key, out var existing))
            {
                if (existing == parameter.Name) return; // the same parameter seen again (class over interface)
                throw new BuildDefinitionException($"Parameters '{existing}' and '{parameter.Name}' have the same command-line name '{parameter.OptionName}'; rename one.");
            }
            if (EngineOptions.IsReserved(key))
                throw new BuildDefinitionException($"Parameter '{parameter.Name}' uses the name of the engine option '--{NameForms.Kebab(parameter.Name)}'; rename it.");
            keys[key] = parameter.Name;
            found.Add(parameter);
        }

        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(flags)) Add(field, field.FieldType);
            foreach (var property in type.GetProperties(flags)) Add(property, property.PropertyType);
        }
        foreach (var component in buildType.GetInterfaces())
            foreach (var property in component.GetProperties(flags))
                Add(property, property.PropertyType);
        return found;
    }

    public object? GetValue(object build) => Member switch
    {
        FieldInfo field => field.GetValue(build),
        PropertyInfo property => property.GetValue(build),
        _ => null,
    };

    public void SetValue(object build, object? value)
    {
        switch (Member)
        {
            case FieldInfo field: field.SetValue(build, value); break;
            case PropertyInfo property: property.SetValue(build, value); break;
        }
    }
}
