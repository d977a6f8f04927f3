using System.Globalization;
using Pipeline.Data.Reports;
using Pipeline.Data.Specs;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Cards;

/// <summary>
/// The model card of one registered version: intended use, data and its hash, features, metrics with their spread,
/// slices and causes, the limits found in them, the threshold, lineage and, when known, the drift status. Written
/// with the version when it is sealed (then it knows no drift check yet) and rendered again from the stored version
/// plus the registry's event log by <c>./build.sh ModelCard --model-version N</c>.
/// </summary>
/// <param name="Metadata">The version's metadata (number, date, lineage, metrics, features).</param>
/// <param name="Spec">The dataset spec stored with the version; null when unreadable.</param>
/// <param name="Facts">What training and evaluation found; null for a version registered before model cards.</param>
public sealed record ModelCard(ModelMetadata Metadata, DatasetSpec? Spec, ModelCardFacts? Facts)
{
    /// <summary>A cause the model detects less often than this on the test split is listed as a limit.</summary>
    public const double LowCauseRecall = 0.5;

    /// <summary>A slice whose F1 is this much below the overall test F1 is listed as a limit.</summary>
    public const double WeakSliceMargin = 0.1;

    /// <summary>The version's drift checks from the event log, oldest first; null when the log was not read (at registration).</summary>
    public IReadOnlyList<DriftChecked>? DriftChecks { get; init; }

    /// <summary>The version's stage when the card was rendered; null when unknown or none.</summary>
    public ModelStage? Stage { get; init; }

    /// <summary>When this rendering was made (null: when the version was sealed).</summary>
    public DateTimeOffset? RenderedUtc { get; init; }

    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>
    /// The files a new version stores (model-card.json, model-card.md, model-card.html), rendered from its final
    /// metadata; for <see cref="ModelRegistration.SealedFiles"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> SealedFiles(ModelMetadata metadata, DatasetSpec spec, ModelCardFacts facts)
    {
        var card = new ModelCard(metadata, spec, facts);
        return new Dictionary<string, string>
        {
            [RegistryLayout.ModelCardFactsFile] = facts.ToJson(),
            [RegistryLayout.ModelCardMarkdownFile] = card.ToMarkdown(),
            [RegistryLayout.ModelCardHtmlFile] = card.ToHtml(),
        };
    }

    /// <summary>
    /// The card of the version stored at <paramref name="versionDirectory"/>, with its drift checks and stage taken
    /// from <paramref name="events"/> and <paramref name="stages"/>; a version without model-card.json (registered
    /// before cards existed) gets a card from its metadata and spec alone.
    /// </summary>
    /// <exception cref="ModelingException">The version's metadata or card facts are unreadable.</exception>
    public static ModelCard Read(string versionDirectory, IReadOnlyList<StoredEvent> events, StageAssignments stages, DateTimeOffset now)
    {
        var metadata = ModelMetadata.Read(RegistryLayout.MetadataPath(versionDirectory));
        var factsPath = Path.Combine(versionDirectory, RegistryLayout.ModelCardFactsFile);
        var specPath = Path.Combine(versionDirectory, RegistryLayout.SpecFile);
        DatasetSpec? spec = null;
        if (File.Exists(specPath))
        {
            try { spec = DatasetSpec.Parse(File.ReadAllText(specPath), specPath); }
            catch (Pipeline.Data.DataException) { /* the card says the spec is unreadable instead of failing */ }
        }
        return new ModelCard(metadata, spec, File.Exists(factsPath) ? ModelCardFacts.Read(factsPath) : null)
        {
            DriftChecks = events.Select(e => e.Event).OfType<DriftChecked>().Where(d => d.Version == metadata.Version).OrderBy(d => d.Sequence).ToList(),
            Stage = stages.StageOf(metadata.Version),
            RenderedUtc = now,
        };
    }

    /// <summary>The card as Markdown.</summary>
    public string ToMarkdown() => ReportMarkdown.Render(ToDocument());

    /// <summary>The card as a self-contained HTML page.</summary>
    public string ToHtml() => ReportHtml.Render(ToDocument());

    /// <summary>The card's content, independent of the format.</summary>
    public ReportDocument ToDocument()
    {
        var lineage = Metadata.Lineage;
        var summary = $"Version {Metadata.Version} of {lineage.Dataset}, registered {Date(Metadata.CreatedUtc)}"
            + (Stage is { } stage ? $", stage {stage.ToString().ToLowerInvariant()}" : "")
            + $"; drift: {DriftVerdict}"
            + (RenderedUtc is { } rendered ? $"; card rendered {Date(rendered)}." : "; card written at registration.");
        return new ReportDocument($"Model card: {lineage.Dataset} v{Metadata.Version}", summary,
        [
            new ReportSection("Intended use", IntendedUse()),
            new ReportSection("Data", Data()),
            new ReportSection("Features", Features()),
            new ReportSection("Metrics", Metrics()),
            new ReportSection("Slices and causes", SlicesAndCauses()),
            new ReportSection("Limits found", [new ReportBullets(Limits())]),
            new ReportSection("Thresholds", Thresholds()),
            new ReportSection("Lineage", [Pairs(LineageRows())]),
            new ReportSection("Drift status", Drift()),
        ]);
    }

    /// <summary>The drift verdict in a few words: the last check's, "not checked yet", or "unknown" when the log was not read.</summary>
    public string DriftVerdict => DriftChecks switch
    {
        null => "not known at registration",
        { Count: 0 } => "not checked yet",
        var checks => $"{checks[^1].Verdict} (last check {Date(checks[^1].TimeUtc)})",
    };

    IReadOnlyList<ReportBlock> IntendedUse()
    {
        var purpose = Facts?.IntendedUse is { Length: > 0 } use ? use : Spec?.Description ?? "";
        var label = Spec is null ? "the label" : $"'{Spec.Label}'";
        return
        [
            new ReportParagraph(purpose.Length > 0 ? purpose : "The dataset spec gives no description of the data or its purpose."),
            new ReportParagraph($"The model scores one record at a time and returns the probability that {label} is positive; a probability at or above the threshold ({Number(Metadata.Lineage.Threshold)}) is a positive prediction. It is meant for records like its training data; the drift checks below say when current data departs from it."),
        ];
    }

    IReadOnlyList<ReportBlock> Data()
    {
        var lineage = Metadata.Lineage;
        return [Pairs([
            ["Source", lineage.DataSource.Length > 0 ? lineage.DataSource : "(not recorded)"],
            ["Content hash", lineage.DataHash],
            ["Rows", lineage.DataRows > 0 ? lineage.DataRows.ToString("N0", C) : "(not recorded)"],
            ["Split", Spec is null ? "(spec not stored)" : $"test fraction {Number(Spec.Split.TestFraction)}, seed {Spec.Split.Seed}"],
        ])];
    }

    IReadOnlyList<ReportBlock> Features()
    {
        var blocks = new List<ReportBlock>
        {
            new ReportParagraph($"{Metadata.FeatureNames.Count} feature slots: {string.Join(", ", Metadata.FeatureNames)}."),
        };
        if (Spec is null) return blocks;
        var rows = Spec.Columns.Where(c => c.IsFeature)
            .Select(c => (IReadOnlyList<string>)[c.Name, c.Role.ToString().ToLowerInvariant(), c.Description ?? ""])
            .Concat(Spec.DerivedFeatures.Select(d => (IReadOnlyList<string>)[d.Name, "derived: " + d.Expression, d.Description ?? ""]))
            .ToList();
        blocks.Add(new ReportTable(["input", "kind", "description"], rows, []));
        var excluded = Spec.Columns.Where(c => c.Role == ColumnRole.Excluded).ToList();
        if (excluded.Count > 0)
            blocks.Add(new ReportParagraph("Excluded from the features: " + string.Join("; ", excluded.Select(c => $"{c.Name} ({c.Reason ?? "excluded"})")) + "."));
        return blocks;
    }

    IReadOnlyList<ReportBlock> Metrics()
    {
        var test = Facts?.Test is { Count: > 0 } t ? t : Metadata.Metrics;
        var cv = Facts?.CrossValidation ?? new Dictionary<string, Evaluation.MetricSpread>();
        var rows = MetricNames.All.Where(m => test.ContainsKey(m) || cv.ContainsKey(m)).Select(m => (IReadOnlyList<string>)
        [
            Label(m),
            cv.TryGetValue(m, out var spread) ? $"{Number(spread.Mean)} ± {Number(spread.StandardDeviation)}" : "",
            test.TryGetValue(m, out var value) ? Number(value) : "",
        ]).ToList();
        var folds = Facts is { Folds: > 0 } f ? $"{f.Folds}-fold cross-validation on the training split (mean ± standard deviation over folds)" : "cross-validation not stored with this version";
        return
        [
            new ReportParagraph($"Held-out figures on the test split; {folds}."),
            new ReportTable(["metric", "cross-validation", "test"], rows, [1, 2]),
        ];
    }

    IReadOnlyList<ReportBlock> SlicesAndCauses()
    {
        if (Facts is null) return [new ReportParagraph(NoFacts)];
        var blocks = new List<ReportBlock>();
        if (Facts.Slices.Count > 0)
            blocks.Add(new ReportTable(["slice", "rows", "positives", "precision", "recall", "F1"],
                Facts.Slices.Select(s => (IReadOnlyList<string>)[$"{s.Column} = {s.Value}", s.Rows.ToString("N0", C), s.Positives.ToString("N0", C),
                    Metric(s.Metrics, MetricNames.Precision), Metric(s.Metrics, MetricNames.Recall), Metric(s.Metrics, MetricNames.F1)]).ToList(), [1, 2, 3, 4, 5]));
        else blocks.Add(new ReportParagraph("The spec declares no slices."));
        if (Facts.Causes.Count > 0)
            blocks.Add(new ReportTable(["failure cause", "occurrences", "detected", "recall"],
                Facts.Causes.Select(c => (IReadOnlyList<string>)[c.Cause, c.Occurrences.ToString("N0", C), c.Detected.ToString("N0", C),
                    c.Occurrences > 0 ? Number((double)c.Detected / c.Occurrences) : "–"]).ToList(), [1, 2, 3]));
        return blocks;
    }

    /// <summary>What the evaluation shows the model does badly: causes it mostly misses, weak slices, too few examples.</summary>
    public IReadOnlyList<string> Limits()
    {
        if (Facts is null) return [NoFacts];
        var limits = new List<string>();
        foreach (var cause in Facts.Causes.Where(c => c.Occurrences > 0))
        {
            var recall = (double)cause.Detected / cause.Occurrences;
            if (recall < LowCauseRecall)
                limits.Add($"Misses most {cause.Cause} failures: detected {cause.Detected} of {cause.Occurrences} on the test split (recall {Number(recall)}).");
            else if (cause.Occurrences < 5)
                limits.Add($"Only {cause.Occurrences} {cause.Cause} failure(s) in the test split: its recall ({Number(recall)}) is not reliable.");
        }
        if (Facts.Test.TryGetValue(MetricNames.F1, out var overall))
            foreach (var slice in Facts.Slices)
                if (slice.Metrics.TryGetValue(MetricNames.F1, out var f1) && f1 < overall - WeakSliceMargin)
                    limits.Add($"Weaker on {slice.Column} = {slice.Value}: F1 {Number(f1)} against {Number(overall)} overall ({slice.Rows:N0} rows, {slice.Positives:N0} positives).");
        foreach (var slice in Facts.Slices.Where(s => s.Positives == 0))
            limits.Add($"No positives in the test rows of {slice.Column} = {slice.Value}: its recall is unknown.");
        if (limits.Count == 0)
            limits.Add($"None found on the test split: every cause detected at recall {Number(LowCauseRecall)} or more, no slice's F1 more than {Number(WeakSliceMargin)} below the overall F1.");
        return limits;
    }

    IReadOnlyList<ReportBlock> Thresholds()
    {
        var blocks = new List<ReportBlock>
        {
            new ReportParagraph($"Decision threshold on the probability: {Number(Metadata.Lineage.Threshold)} (the out-of-fold F1 maximum)."),
        };
        if (Facts is { Gate.Count: > 0 })
            blocks.Add(new ReportTable(["gated metric", "received", "verified", "tolerance", "floor", "verdict"],
                Facts.Gate.Select(g => (IReadOnlyList<string>)[Label(g.Metric), Number(g.Received), g.Verified is { } v ? Number(v) : "–",
                    Number(g.Tolerance), g.Floor is { } f ? Number(f) : "–", g.Verdict]).ToList(), [1, 2, 3, 4]));
        if (Facts?.GateSnapshot is { } snapshot) blocks.Add(new ReportParagraph($"Metric gate snapshot: {snapshot}."));
        if (Facts?.Promotion is { } promotion) blocks.Add(new ReportParagraph($"Promotion rule against the production champion: {promotion}"));
        return blocks;
    }

    IReadOnlyList<IReadOnlyList<string>> LineageRows()
    {
        var l = Metadata.Lineage;
        return
        [
            ["Run", l.RunId], ["Commit", l.GitCommit], ["Trainer", l.Trainer],
            ["Hyperparameters", string.Join(", ", l.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {Number(p.Value)}"))],
            ["Cause models", l.Causes is { Count: > 0 } causes ? string.Join(", ", causes.Select(c => c.Column)) : "none"],
            ["Configuration hash", l.ConfigHash], ["Model SHA-256", Metadata.ModelSha256],
            ["Parent version", l.ParentVersion?.ToString(C) ?? "none"],
        ];
    }

    IReadOnlyList<ReportBlock> Drift()
    {
        if (DriftChecks is null)
            return [new ReportParagraph($"Not known when the version was registered. ./build.sh ModelCard --model-version {Metadata.Version} renders this card again with the drift checks recorded since.")];
        if (DriftChecks.Count == 0)
            return [new ReportParagraph("No drift check of this version is recorded in the registry's event log yet.")];
        return
        [
            new ReportParagraph($"{DriftChecks.Count} drift check(s) recorded; the last {Math.Min(5, DriftChecks.Count)}:"),
            new ReportTable(["date", "verdict", "drifted features", "current data"],
                DriftChecks.TakeLast(5).Reverse().Select(d => (IReadOnlyList<string>)[Date(d.TimeUtc), d.Verdict,
                    d.DriftedFeatures.Count > 0 ? string.Join(", ", d.DriftedFeatures) : "none", d.CurrentData]).ToList(), []),
        ];
    }

    const string NoFacts = "Not stored with this version: it was registered before model cards recorded the evaluation.";

    static ReportTable Pairs(IReadOnlyList<IReadOnlyList<string>> rows) => new(["", ""], rows, []);

    static string Metric(IReadOnlyDictionary<string, double> metrics, string name) => metrics.TryGetValue(name, out var v) ? Number(v) : "–";

    static string Label(string metric) => metric switch
    {
        MetricNames.Accuracy => "accuracy", MetricNames.Precision => "precision", MetricNames.Recall => "recall", MetricNames.F1 => "F1",
        MetricNames.RocAuc => "ROC AUC", MetricNames.PrAuc => "PR AUC", MetricNames.LogLoss => "log-loss", _ => metric,
    };

    static string Number(double value) => double.IsFinite(value) ? value.ToString("0.####", C) : "–";

    static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", C);
}
