using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Pipeline.Architecture.Tests;

/// <summary>
/// Which namespace of an assembly refers to which other namespace of the same assembly, read from the IL of its types
/// (with Mono.Cecil, which NetArchTest reads assemblies with; every type, nested and compiler-generated ones included,
/// so lambdas and iterators count): base types, interfaces, attributes, members' signatures,
/// and method bodies (locals, called methods, fields, types, caught exceptions). A nested or compiler-generated type
/// counts for the namespace of its outermost declaring type.
/// </summary>
internal static class NamespaceGraph
{
    /// <summary>Namespace → the other namespaces of the same assembly it refers to.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Of(System.Reflection.Assembly assembly)
    {
        using var definition = AssemblyDefinition.ReadAssembly(assembly.Location);
        return Of(definition.MainModule.GetTypes());
    }

    /// <summary>Namespace → the other namespaces of the same module it refers to.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Of(IEnumerable<TypeDefinition> types)
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var type in types)
        {
            var from = NamespaceOf(type);
            if (from.Length == 0) continue; // <Module>, <PrivateImplementationDetails>, anonymous types
            if (!graph.TryGetValue(from, out var targets)) graph[from] = targets = [];
            foreach (var reference in ReferencesOf(type))
                if (IsInModule(reference, type.Module) && NamespaceOf(reference) is { Length: > 0 } to && to != from)
                    targets.Add(to);
        }
        return graph.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value);
    }

    private static string NamespaceOf(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type.Namespace;
    }

    private static bool IsInModule(TypeReference type, ModuleDefinition module) =>
        type is TypeDefinition definition ? definition.Module == module : type.Scope == module;

    private static IEnumerable<TypeReference> ReferencesOf(TypeDefinition type)
    {
        var direct = new List<TypeReference?> { type.BaseType };
        direct.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        direct.AddRange(type.CustomAttributes.Select(a => a.AttributeType));
        direct.AddRange(type.GenericParameters.SelectMany(p => p.Constraints).Select(c => c.ConstraintType));
        direct.AddRange(type.Fields.Select(f => f.FieldType));
        direct.AddRange(type.Fields.SelectMany(f => f.CustomAttributes).Select(a => a.AttributeType));
        direct.AddRange(type.Properties.Select(p => p.PropertyType));
        direct.AddRange(type.Events.Select(e => e.EventType));
        foreach (var method in type.Methods)
        {
            direct.Add(method.ReturnType);
            direct.AddRange(method.Parameters.Select(p => p.ParameterType));
            direct.AddRange(method.CustomAttributes.Select(a => a.AttributeType));
            if (!method.HasBody) continue;
            direct.AddRange(method.Body.Variables.Select(v => v.VariableType));
            direct.AddRange(method.Body.ExceptionHandlers.Select(h => h.CatchType));
            foreach (var instruction in method.Body.Instructions)
                direct.AddRange(OperandTypes(instruction));
        }
        return direct.OfType<TypeReference>().SelectMany(Unwrap);
    }

    private static IEnumerable<TypeReference?> OperandTypes(Instruction instruction) => instruction.Operand switch
    {
        TypeReference type => [type],
        GenericInstanceMethod method => [method.DeclaringType, method.ReturnType, .. method.GenericArguments, .. method.Parameters.Select(p => p.ParameterType)],
        MethodReference method => [method.DeclaringType, method.ReturnType, .. method.Parameters.Select(p => p.ParameterType)],
        FieldReference field => [field.DeclaringType, field.FieldType],
        _ => [],
    };

    // Arrays, by-refs, pointers and generic instances refer to their element type and type arguments.
    private static IEnumerable<TypeReference> Unwrap(TypeReference type)
    {
        switch (type)
        {
            case GenericParameter:
                yield break;
            case GenericInstanceType generic:
                foreach (var inner in Unwrap(generic.ElementType)) yield return inner;
                foreach (var argument in generic.GenericArguments)
                    foreach (var inner in Unwrap(argument)) yield return inner;
                yield break;
            case TypeSpecification specification:
                foreach (var inner in Unwrap(specification.ElementType)) yield return inner;
                yield break;
            default:
                yield return type;
                break;
        }
    }
}
