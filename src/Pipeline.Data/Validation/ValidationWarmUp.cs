using System.Reflection;
using System.Runtime.CompilerServices;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>
/// Does ahead, on a thread-pool thread, the one-off work a data pass would otherwise do on its critical path: builds
/// the serialisation metadata of the spec and the reviewed schema (tens of milliseconds each by reflection; a load that
/// asks meanwhile waits for it, <see cref="SpecJson.MetadataOf"/>), compiles the row loops that are marked for full
/// optimisation (those of a large clean file's chunks first, then the CSV reader, the loader, the leakage screens, the
/// sort), then the validation report's metadata. Started first thing, it runs on the other core while the build
/// engine starts; a pass that starts first simply compiles what it needs.
/// </summary>
public static class ValidationWarmUp
{
    // The namespaces whose fully optimised loops every data pass runs (drift's own are compiled when a check needs them).
    private static readonly string[] PassNamespaces =
    [
        "Pipeline.Data.Csv", "Pipeline.Data.Loading", "Pipeline.Data.Text", "Pipeline.Data.Validation", "Pipeline.Data.Sorting",
        "Pipeline.Data.Features.Expressions",
    ];

    // The types whose loops a pass over a large clean file runs first (the chunks, read column by column, and their
    // merge), compiled before the others: the rest serve the leakage screens after the pass, small files and chunks
    // with something to report.
    private static readonly Type[] FirstLoops =
    [
        typeof(ParallelProfiler), typeof(ColumnarChunk), typeof(Loading.SpecTableReader), typeof(Text.PlainDecimal), typeof(Text.TextIndex),
        typeof(ColumnProfile), typeof(DistinctNumbers), typeof(LabelValueCounts), typeof(ChunkRows), typeof(LeakageScreen),
        typeof(Loading.SeenIds), typeof(Text.PlainInteger),
    ];

    /// <summary>Starts the work on a thread-pool thread and returns at once.</summary>
    public static void StartInBackground() => ThreadPool.UnsafeQueueUserWorkItem(_ =>
    {
        // What the build reads first; a load that starts meanwhile waits for this instead of doing it again.
        SpecJson.MetadataOf(typeof(DatasetSpec));
        SpecJson.MetadataOf(typeof(DataSchema));
        foreach (var method in PassLoops())
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
        SpecJson.MetadataOf(typeof(ValidationReport)); // written last
    }, null);

    private static IEnumerable<MethodBase> PassLoops() =>
        typeof(ValidationWarmUp).Assembly.GetTypes()
            .Where(t => !t.ContainsGenericParameters && PassNamespaces.Contains(t.Namespace))
            .OrderBy(t => Array.IndexOf(FirstLoops, t) is var rank and >= 0 ? rank : FirstLoops.Length)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsAbstract && !m.ContainsGenericParameters
                && (m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0);
}
