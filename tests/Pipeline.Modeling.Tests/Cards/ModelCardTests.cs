using Pipeline.Modeling.Cards;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Tests.Cards;

/// <summary>What a model card says: the limits the evaluation shows, and the drift status from the event log.</summary>
public sealed class ModelCardTests
{
    static readonly ModelMetadata Metadata = new()
    {
        Version = 3,
        CreatedUtc = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero),
        Lineage = new() { Dataset = "d", Trainer = "LightGbm", Threshold = 0.4, DataSource = "data/a|b.csv" },
        FeatureNames = ["x", "y"],
    };

    static ModelCardFacts Facts(params CauseRecord[] causes) => new()
    {
        Folds = 5,
        CrossValidation = new Dictionary<string, MetricSpread> { ["f1"] = new(0.81, 0.03) },
        Test = new Dictionary<string, double> { ["f1"] = 0.8 },
        Slices = [new SliceRecord("Type", "H", 200, 10, new Dictionary<string, double> { ["f1"] = 0.6 }), new SliceRecord("Type", "L", 800, 40, new Dictionary<string, double> { ["f1"] = 0.78 })],
        Causes = causes,
    };

    [Fact]
    public void Limits_NameTheCausesMostlyMissed_AndTheSlicesWellBelowTheOverallF1()
    {
        var card = new ModelCard(Metadata, null, Facts(new CauseRecord("TWF", 8, 1), new CauseRecord("HDF", 20, 19)));

        var limits = card.Limits();

        Assert.Equal(2, limits.Count);
        Assert.Equal("Misses most TWF failures: detected 1 of 8 on the test split (recall 0.125).", limits[0]);
        Assert.StartsWith("Weaker on Type = H: F1 0.6 against 0.8 overall", limits[1], StringComparison.Ordinal);
    }

    [Fact]
    public void DriftStatus_IsTheVersionsLastCheck_AndIgnoresOtherVersions()
    {
        var events = new[]
        {
            Stored(new DriftChecked("no drift", [], "log a", "r1") { Version = 3, Sequence = 1, TimeUtc = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero) }),
            Stored(new DriftChecked("drift", ["Torque"], "log b", "r2") { Version = 3, Sequence = 2, TimeUtc = new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero) }),
            Stored(new DriftChecked("no drift", [], "log c", "r3") { Version = 4, Sequence = 3, TimeUtc = new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero) }),
        };
        var card = new ModelCard(Metadata, null, Facts()) { DriftChecks = events.Select(e => e.Event).OfType<DriftChecked>().Where(d => d.Version == 3).ToList() };

        Assert.Equal("drift (last check 2026-11-03 00:00 UTC)", card.DriftVerdict);
        Assert.Contains("| 2026-11-03 00:00 UTC | drift | Torque | log b |", card.ToMarkdown(), StringComparison.Ordinal);
        Assert.Equal("not known at registration", new ModelCard(Metadata, null, Facts()).DriftVerdict);
        Assert.Equal("not checked yet", new ModelCard(Metadata, null, Facts()) { DriftChecks = [] }.DriftVerdict);
    }

    [Fact]
    public void MarkdownAndHtml_KeepTextAsText()
    {
        var card = new ModelCard(Metadata, null, Facts());

        Assert.Contains(@"data/a\|b.csv", card.ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains("<td>data/a|b.csv</td>", card.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("| F1 | 0.81 ± 0.03 | 0.8 |", card.ToMarkdown(), StringComparison.Ordinal);
    }

    static StoredEvent Stored(RegistryEvent e) => new(e, "", "");
}
