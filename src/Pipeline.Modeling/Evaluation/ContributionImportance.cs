namespace Pipeline.Modeling.Evaluation;

/// <summary>
/// The global view of a model's explanations: the mean absolute TreeSHAP contribution (to the raw score) of every
/// feature and of every input field over held-out rows, largest first; or why there is none.
/// </summary>
/// <param name="Member">The member model explained ("label": the whole-label model).</param>
/// <param name="Rows">How many held-out rows were explained.</param>
/// <param name="Features">Mean |contribution| per feature slot, largest first.</param>
/// <param name="Fields">Mean |contribution| per input field (contributions grouped per row before the absolute value), largest first.</param>
/// <param name="Problem">Why the model could not be explained (then the lists are empty), or null.</param>
public sealed record ContributionImportance(string Member, int Rows,
    IReadOnlyList<KeyValuePair<string, double>> Features, IReadOnlyList<KeyValuePair<string, double>> Fields, string? Problem = null);
