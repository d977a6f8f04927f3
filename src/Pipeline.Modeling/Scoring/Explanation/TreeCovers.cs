using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Modeling.Scoring.Explanation;

/// <summary>The training cover of one tree: how many training rows reached each split node and each leaf.</summary>
/// <param name="Nodes">One count per split node, in the tree's node order.</param>
/// <param name="Leaves">One count per leaf, in the tree's leaf order.</param>
public sealed record TreeCover(long[] Nodes, long[] Leaves);

/// <summary>The covers of one member model's trees, or why it has none (it is not a tree ensemble TreeSHAP can read).</summary>
/// <param name="Member">The member's name: "label" for the whole-label model, else the cause column.</param>
/// <param name="Trees">One cover per tree, in the ensemble's order; null when <paramref name="Unsupported"/> says why.</param>
/// <param name="Unsupported">Why the member cannot be explained, or null.</param>
public sealed record MemberCovers(string Member, IReadOnlyList<TreeCover>? Trees, string? Unsupported = null);

/// <summary>
/// The tree covers of a registered version (<c>tree-covers.json</c>), counted at registration over the training
/// split's feature vectors. ML.NET's trees do not keep them, and exact TreeSHAP needs them. Counts are integers, so
/// the file is the same for the same model and data.
/// </summary>
/// <param name="TrainingRows">How many training rows were passed down the trees.</param>
/// <param name="Members">The members' covers, in the model file's member order.</param>
public sealed record TreeCovers(int TrainingRows, IReadOnlyList<MemberCovers> Members)
{
    static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The file's JSON (compact: it holds one number per node).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads the covers file at <paramref name="path"/>.</summary>
    /// <exception cref="ModelingException">The file is not a covers file.</exception>
    public static TreeCovers Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TreeCovers>(File.ReadAllText(path), Options)
                ?? throw new ModelingException($"{path} is empty; expected the tree covers written at registration.");
        }
        catch (JsonException e)
        {
            throw new ModelingException($"{path} is not a tree covers file ({e.Message}); register the model again to rewrite it.", e);
        }
    }
}
