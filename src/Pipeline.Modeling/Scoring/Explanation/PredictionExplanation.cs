namespace Pipeline.Modeling.Scoring.Explanation;

/// <summary>A named share of a raw score: a feature slot's or an input field's TreeSHAP contribution.</summary>
/// <param name="Name">The feature slot (e.g. <c>Type=L</c>) or the input field.</param>
/// <param name="Value">Its contribution to the raw score (log-odds for boosted trees); positive pushes toward the positive class.</param>
public readonly record struct Contribution(string Name, double Value);

/// <summary>Why one member model scored a record as it did: <c>BaseValue + Σ Features = RawScore</c> (and the same for <c>Fields</c>).</summary>
/// <param name="Member">"label" for the whole-label model, else the cause column.</param>
/// <param name="BaseValue">The expected raw score over the training rows (the covers), bias included.</param>
/// <param name="RawScore">The member's raw score for the record, before calibration.</param>
/// <param name="Probability">The member's calibrated probability for the record.</param>
/// <param name="Features">Each feature slot's exact TreeSHAP contribution, in the model's feature order.</param>
/// <param name="Fields">The same grouped by the input field each slot derives from, in the spec's column order.</param>
public sealed record MemberExplanation(string Member, double BaseValue, double RawScore, double Probability,
    IReadOnlyList<Contribution> Features, IReadOnlyList<Contribution> Fields);
