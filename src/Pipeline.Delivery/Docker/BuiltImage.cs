namespace Pipeline.Delivery.Docker;

/// <summary>An image the Containerize step built.</summary>
/// <param name="ImageId">The engine's image id (sha256:…).</param>
/// <param name="Tags">Local tags: <c>name:modelVersion</c> then <c>name:commit</c>.</param>
/// <param name="PushedTags">Tags pushed to a registry (empty without a push).</param>
/// <param name="Lineage">The model lineage carried as labels.</param>
/// <param name="Labels">Every label set on the image.</param>
public sealed record BuiltImage(string ImageId, IReadOnlyList<string> Tags, IReadOnlyList<string> PushedTags, ModelLineage Lineage, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The tag naming the model version, the one Deploy runs.</summary>
    public string PrimaryTag => Tags[0];
}
