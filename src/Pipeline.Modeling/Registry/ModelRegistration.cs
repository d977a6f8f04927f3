namespace Pipeline.Modeling.Registry;

/// <summary>What to register: the model file, its metadata (version, time, hash and parent are filled in by the
/// registry) and extra text files stored beside it (spec.json, input-schema.json, input-example.json).</summary>
public sealed record ModelRegistration(string ModelPath, ModelMetadata Metadata, IReadOnlyDictionary<string, string> ExtraFiles)
{
    /// <summary>
    /// Text files rendered from the final metadata (version number, time, parent) when the version is sealed, by
    /// either backend, and covered by its manifest like every other file (the model card); null for none.
    /// </summary>
    public Func<ModelMetadata, IReadOnlyDictionary<string, string>>? SealedFiles { get; init; }
}
