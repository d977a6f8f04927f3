namespace Pipeline.Modeling.Provenance;

/// <summary>
/// Why a version was retrained, carried in its lineage (<c>retrain</c> in metadata.json): the trigger, the features
/// that drifted, the drift check's estimate of the champion's performance on the current data, and the data and
/// holdout the retrain used.
/// </summary>
/// <param name="Trigger">What started it, in words (e.g. "drift in Air temperature [K] of inference log …").</param>
/// <param name="DriftedFeatures">The features the drift check flagged.</param>
/// <param name="EstimatedPerformance">The drift check's performance estimate for the champion on the current data, in words (null when it made none).</param>
/// <param name="ChampionVersion">The production version retrained from (null when there was none).</param>
/// <param name="Data">The retrain policy's data mode (<c>recent</c>, <c>reference+recent</c>, <c>sliding</c>).</param>
/// <param name="RecentRows">Labelled recent rows given.</param>
/// <param name="HoldoutRows">Recent rows held out from training for the champion-vs-challenger comparison.</param>
/// <param name="TrainingRows">Rows trained on (before Train's own test split).</param>
public sealed record RetrainReason(string Trigger, IReadOnlyList<string> DriftedFeatures, string? EstimatedPerformance, int? ChampionVersion,
    string Data, int RecentRows, int HoldoutRows, int TrainingRows);
