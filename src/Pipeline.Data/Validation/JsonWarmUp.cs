using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>
/// Builds the serialisation metadata of the files nearly every build reads or writes (the spec, the reviewed schema,
/// the validation report) ahead of their first use. Built by reflection, it takes about a tenth of a second of a run's
/// start; started first thing on a thread-pool thread, the other core pays for it while the build engine starts.
/// </summary>
public static class JsonWarmUp
{
    /// <summary>Starts building the metadata on a thread-pool thread and returns at once.</summary>
    public static void StartInBackground() => ThreadPool.UnsafeQueueUserWorkItem(_ =>
    {
        foreach (var type in (Type[])[typeof(DatasetSpec), typeof(DataSchema), typeof(ValidationReport)])
            SpecJson.Options.GetTypeInfo(type);
    }, null);
}
