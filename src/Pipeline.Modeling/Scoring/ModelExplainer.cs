using Pipeline.Data.Specs;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring.Explanation;

namespace Pipeline.Modeling.Scoring;

/// <summary>
/// The explanations of a loaded version: per member, TreeSHAP over its compiled trees with the covers registered in
/// <c>tree-covers.json</c>, grouped by input field. A version that cannot be explained keeps the reason, which
/// <see cref="Explain"/> throws, so scoring still works.
/// </summary>
internal sealed class ModelExplainer
{
    readonly (string Member, EnsembleExplainer Explainer, CompiledTreeEnsemble Ensemble)[]? members;
    readonly IReadOnlyList<string> featureNames;
    readonly FieldAttribution? fields;

    ModelExplainer(IReadOnlyList<string> featureNames, (string, EnsembleExplainer, CompiledTreeEnsemble)[]? members, FieldAttribution? fields, string? problem)
    {
        this.featureNames = featureNames;
        this.members = members;
        this.fields = fields;
        Problem = problem;
    }

    /// <summary>Why this version cannot be explained, or null when it can.</summary>
    public string? Problem { get; }

    /// <summary>The explainer of the version at <paramref name="versionDirectory"/>, or one that carries the reason it has none.</summary>
    public static ModelExplainer Load(string versionDirectory, int version, FeaturePredictor predictor, DatasetSpec spec, IReadOnlyList<string> featureNames)
    {
        ModelExplainer Unexplainable(string reason) => new(featureNames, null, null, $"Model version {version} ({versionDirectory}) cannot be explained: {reason}.");
        var path = Path.Combine(versionDirectory, RegistryLayout.TreeCoversFile);
        if (!File.Exists(path))
            return Unexplainable($"it has no {RegistryLayout.TreeCoversFile} (the training covers TreeSHAP needs); it was registered before explanations existed, so train and register it again");
        TreeCovers covers;
        try { covers = TreeCovers.Read(path); }
        catch (ModelingException e) { return Unexplainable(e.Message.TrimEnd('.')); }
        if (!covers.Members.Select(m => m.Member).SequenceEqual(predictor.MemberNames))
            return Unexplainable($"{RegistryLayout.TreeCoversFile} covers the members [{string.Join(", ", covers.Members.Select(m => m.Member))}] but the model has [{string.Join(", ", predictor.MemberNames)}]");
        var ensembles = predictor.Ensembles;
        var loaded = new (string, EnsembleExplainer, CompiledTreeEnsemble)[ensembles.Count];
        for (var m = 0; m < ensembles.Count; m++)
        {
            var member = covers.Members[m];
            if (member.Unsupported is { } unsupported || member.Trees is null || ensembles[m] is not { } ensemble)
                return Unexplainable($"member '{member.Member}' {member.Unsupported ?? "is not a tree ensemble that could be compiled and checked against ML.NET"}");
            var (trees, problem) = ensemble.WithCovers(member.Trees);
            if (trees is null) return Unexplainable($"{RegistryLayout.TreeCoversFile} does not fit member '{member.Member}': {problem}");
            loaded[m] = (member.Member, new EnsembleExplainer(trees, ensemble.Bias), ensemble);
        }
        var attribution = FieldAttribution.For(spec);
        if (attribution.SlotCount != featureNames.Count)
            return Unexplainable($"its spec attributes {attribution.SlotCount} feature slots to input fields, but the model has {featureNames.Count} features");
        return new ModelExplainer(featureNames, loaded, attribution, null);
    }

    /// <summary>Each member's explanation of one feature vector.</summary>
    /// <exception cref="ModelingException">The version cannot be explained (<see cref="Problem"/>).</exception>
    public IReadOnlyList<MemberExplanation> Explain(float[] features)
    {
        if (members is null || fields is null) throw new ModelingException(Problem!);
        var result = new MemberExplanation[members.Length];
        for (var m = 0; m < members.Length; m++)
        {
            var (name, explainer, ensemble) = members[m];
            var contributions = explainer.Contributions(features);
            var raw = explainer.RawScore(features);
            var grouped = fields.Group(contributions);
            result[m] = new MemberExplanation(name, explainer.BaseValue, raw, ensemble.Calibrate(raw),
                contributions.Select((c, i) => new Contribution(featureNames[i], c)).ToArray(),
                grouped.Select((c, i) => new Contribution(fields.Fields[i], c)).ToArray());
        }
        return result;
    }
}
