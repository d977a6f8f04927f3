namespace Pipeline.Modeling.Registry;

/// <summary>What to register: the model file, its metadata (version, time, hash and parent are filled in by the
/// registry) and extra text files stored beside it (spec.json, input-schema.json, input-example.json).</summary>
public sealed record ModelRegistration(string ModelPath, ModelMetadata Metadata, IReadOnlyDictionary<string, string> ExtraFiles);
