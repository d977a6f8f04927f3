namespace Pipeline.Modeling.Registry;

/// <summary>
/// One window of a windowed drift check, as the registry's event log keeps it (<see cref="DriftChecked.Windows"/>): enough
/// for a later reader (Models, DriftHistory, a model card, a PR report) to show the trend without the report file.
/// </summary>
/// <param name="Start">Time windows: the window's start (inclusive). Row windows: the first record's time, or null without timestamps.</param>
/// <param name="End">Time windows: the window's end (exclusive). Row windows: the last record's time, or null without timestamps.</param>
/// <param name="Rows">The records in the window.</param>
/// <param name="Verdict">"drift", "no drift", or "not checked" (too few rows).</param>
/// <param name="DriftedFeatures">The features over their threshold in this window.</param>
/// <param name="EstimatedF1">The production model's estimated F1 in this window, when it was estimated.</param>
public sealed record DriftWindowSummary(DateTimeOffset? Start, DateTimeOffset? End, int Rows, string Verdict,
    IReadOnlyList<string> DriftedFeatures, EstimatedF1Summary? EstimatedF1);

/// <summary>An F1 estimated without labels (CBPE) with its 95 % interval.</summary>
/// <param name="Estimate">The estimate.</param>
/// <param name="Low">The interval's lower end.</param>
/// <param name="High">The interval's upper end.</param>
/// <param name="Trusted">Whether the calibration check on held-out reference rows passed.</param>
public sealed record EstimatedF1Summary(double Estimate, double Low, double High, bool Trusted);
