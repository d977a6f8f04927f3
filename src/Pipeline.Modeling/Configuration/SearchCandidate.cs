namespace Pipeline.Modeling.Configuration;

/// <summary>One candidate of the hyperparameter search: a trainer and every one of its hyperparameters.</summary>
/// <param name="Trainer">The trainer of the whole-label model this candidate trains.</param>
/// <param name="Parameters">Every hyperparameter of <paramref name="Trainer"/>, sorted by name.</param>
/// <param name="Name">A short name for logs and the training summary (the automatic search names its candidates); null for a configured candidate.</param>
public sealed record SearchCandidate(TrainerKind Trainer, IReadOnlyDictionary<string, double> Parameters, string? Name = null);
