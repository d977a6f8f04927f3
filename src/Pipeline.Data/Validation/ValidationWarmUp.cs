using System.Reflection;
using System.Runtime.CompilerServices;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>
/// Does ahead, on a thread-pool thread, the one-off work a data pass would otherwise do on its critical path: builds
/// the serialisation metadata of the files nearly every build reads or writes (the spec, the reviewed schema, the
/// validation report; about a tenth of a second by reflection), then compiles the row loops that are marked for full
/// optimisation (the CSV reader, the loader, the validation pass, the leakage screens, the sort). Started first thing,
/// it runs on the other core while the build engine starts; a pass that starts first simply compiles what it needs.
/// </summary>
public static class ValidationWarmUp
{
    // The namespaces whose fully optimised loops every data pass runs (drift's own are compiled when a check needs them).
    private static readonly string[] PassNamespaces =
    [
        "Pipeline.Data.Csv", "Pipeline.Data.Loading", "Pipeline.Data.Text", "Pipeline.Data.Validation", "Pipeline.Data.Sorting",
        "Pipeline.Data.Features.Expressions",
    ];

    /// <summary>Starts the work on a thread-pool thread and returns at once.</summary>
    public static void StartInBackground() => ThreadPool.UnsafeQueueUserWorkItem(_ =>
    {
        foreach (var type in (Type[])[typeof(DatasetSpec), typeof(DataSchema), typeof(ValidationReport)])
            SpecJson.Options.GetTypeInfo(type);
        foreach (var method in PassLoops())
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
    }, null);

    private static IEnumerable<MethodBase> PassLoops() =>
        typeof(ValidationWarmUp).Assembly.GetTypes()
            .Where(t => !t.ContainsGenericParameters && PassNamespaces.Contains(t.Namespace))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsAbstract && !m.ContainsGenericParameters
                && (m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0);
}
