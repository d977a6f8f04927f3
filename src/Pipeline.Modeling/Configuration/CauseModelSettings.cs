namespace Pipeline.Modeling.Configuration;

/// <summary>
/// A model of one cause of the label, trained on a column that records that cause (for AI4I 2020 a failure-mode
/// flag such as <c>TWF</c>). Such columns are excluded as features because they leak the label, but they are known
/// when training, and a cause follows a simpler rule than the label does; the final probability combines the
/// whole-label model with every cause model by noisy-OR (see <see cref="Training.ModelComposition"/>).
/// </summary>
/// <param name="Column">The dataset column whose true values mark rows where this cause occurred.</param>
/// <param name="Features">
/// The feature columns (or derived features) this model may use, by name; empty means every feature. A categorical
/// column stands for all of its one-hot slots.
/// </param>
/// <param name="Trainer">The trainer of this cause model.</param>
/// <param name="Parameters">Every hyperparameter of <paramref name="Trainer"/>, sorted by name.</param>
public sealed record CauseModelSettings(string Column, IReadOnlyList<string> Features, TrainerKind Trainer, IReadOnlyDictionary<string, double> Parameters);
