using System.Text.Json;
using Pipeline.Data.Loading;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Steps;

namespace Pipeline.Modeling.Tests.Retrain;

/// <summary>
/// Retrain by the policy of training.json, end to end on the simulator's data: the promotion rule decides on the
/// held-out recent rows, a challenger that does not clear the margin leaves production untouched and the outcome says
/// why with the numbers, a winner becomes production, and the new version's lineage carries the reason.
/// </summary>
public class RetrainByPolicyTests
{
    const string Retrain = """ "retrain": { "data": "reference+recent", "holdout": 0.4 }, "promotion": { "margin": 0.02 }, """;

    // One tree of two leaves: far worse than FastConfiguration, but past floors of zero so that it is registered.
    const string Weak = """
        { "trainer": "LightGbm", "crossValidationFolds": 3, RETRAIN
          "parameters": { "numberOfLeaves": 2, "minimumExampleCountPerLeaf": 200, "numberOfIterations": 1, "learningRate": 0.01 },
          "gate": { "floors": { "accuracy": 0, "f1": 0, "rocAuc": 0 } } }
        """;

    static string Fast => SimulatedData.FastConfiguration.Replace("\"crossValidationFolds\": 3,", "\"crossValidationFolds\": 3, " + Retrain);

    static readonly RetrainTrigger Trigger = new("drift in Torque [Nm] of recent.csv (3000 rows)", ["Torque [Nm]"], "v1 on 3000 current rows: estimated F1 0.612");

    sealed class Setup : IDisposable
    {
        readonly TemporaryDirectory root = new();

        public Setup(string championConfiguration)
        {
            Workspace = new Workspace(root.Path, "ai4i2020");
            SimulatedData.WriteConfiguration(root.Path, championConfiguration);
            Champion = new RetrainChain(Workspace, StepLog.None).Run(SimulatedData.Load(rows: 3000, seed: 42)).Version;
            RecentFile = root["recent.csv"];
            SpecSimulation.WriteCsv(SimulatedData.Spec(), 3000, 43, null, RecentFile);
        }

        public Workspace Workspace { get; }
        public int Champion { get; }
        public string RecentFile { get; }
        public List<string> Lines { get; } = [];

        public RetrainOutcome Retrain(string configuration)
        {
            SimulatedData.WriteConfiguration(root.Path, configuration);
            var spec = SimulatedData.Spec();
            using var reference = DataSource.Open(spec, root.Path, null);
            return new RetrainChain(Workspace, new StepLog(Lines.Add, Lines.Add)).Run(spec, reference, RecentFile, Trigger);
        }

        public void Dispose() => root.Dispose();
    }

    [Fact]
    public void AChallengerThatWinsByTheMargin_OnHeldOutRecentRows_BecomesProduction_WithTheRetrainReasonInItsLineage()
    {
        using var setup = new Setup(Weak.Replace("RETRAIN", Retrain));

        var outcome = setup.Retrain(Fast);

        Assert.True(outcome.Promoted, outcome.Sentence);
        var registry = new ModelRegistry(setup.Workspace.RegistryDirectory);
        Assert.Equal(outcome.Version, registry.Stages.Production);
        Assert.True(outcome.Comparison!.Decision.Lower > 0.02, outcome.Sentence);
        Assert.Equal(1200, outcome.Comparison.Rows);
        var reason = registry.Metadata(outcome.Version!.Value).Lineage.Retrain!;
        Assert.Equal((Trigger.Description, "Torque [Nm]", Trigger.EstimatedPerformance, setup.Champion, "reference+recent", 3000, 1200, 4800),
            (reason.Trigger, Assert.Single(reason.DriftedFeatures), reason.EstimatedPerformance, reason.ChampionVersion, reason.Data, reason.RecentRows, reason.HoldoutRows, reason.TrainingRows));
        var retrain = Assert.Single(registry.ReadEvents(), e => e.Event is RetrainTriggered).Event;
        Assert.Equal((setup.Champion, outcome.Version), (retrain.Version!.Value, ((RetrainTriggered)retrain).RetrainedVersion));
    }

    [Fact]
    public void AChallengerThatLoses_LeavesProductionUntouched_AndTheOutcomeSaysWhyWithTheNumbers()
    {
        using var setup = new Setup(Fast);

        var outcome = setup.Retrain(Weak.Replace("RETRAIN", Retrain));

        Assert.False(outcome.Promoted);
        Assert.Equal(setup.Champion, new ModelRegistry(setup.Workspace.RegistryDirectory).Stages.Production);
        Assert.StartsWith($"Retrained v{outcome.Version} did not beat production v{setup.Champion} by the margin, so v{setup.Champion} stays production (nothing to redeploy): on 1200 held-out recent rows", outcome.Sentence);
        Assert.Contains("stays staging: PR AUC −", outcome.Sentence);
        Assert.Contains(outcome.Sentence, setup.Lines);
        using var written = JsonDocument.Parse(File.ReadAllText(new RetrainChain(setup.Workspace, StepLog.None).OutcomePath));
        Assert.False(written.RootElement.GetProperty("promoted").GetBoolean());
        Assert.True(written.RootElement.GetProperty("holdout").GetProperty("difference").GetDouble() < 0);
    }

    [Fact]
    public void AChallengerLikeTheChampion_DoesNotClearTheMargin_AndStaysStaging()
    {
        using var setup = new Setup(Fast);

        var outcome = setup.Retrain(Fast);

        Assert.False(outcome.Promoted, outcome.Sentence);
        Assert.True(outcome.Comparison!.Decision.Lower <= 0.02);
        Assert.Equal(setup.Champion, new ModelRegistry(setup.Workspace.RegistryDirectory).Stages.Production);
        Assert.Contains("does not clear the margin 0.0200", outcome.Sentence);
    }

    [Fact]
    public void TheHeldOutRows_AreNeverTrainedOn()
    {
        using var setup = new Setup(Fast);

        setup.Retrain(Fast);

        var directory = setup.Workspace.RetrainDirectory;
        var trained = File.ReadLines(Path.Combine(directory, "training-data.csv")).Skip(1).ToHashSet();
        var heldOut = File.ReadLines(Path.Combine(directory, "holdout.csv")).Skip(1).ToList();
        Assert.Equal(1200, heldOut.Count);
        Assert.DoesNotContain(heldOut, trained.Contains);
    }

    [Fact]
    public void RecentIdsThatRepeatTheReferences_AreNumberedAfterThem_SoTheJoinedDataLoads()
    {
        using var setup = new Setup(Fast);

        setup.Retrain(Fast);

        // The simulator numbers both the reference and the recent rows from 1; UDI is the spec's id column.
        var ids = File.ReadLines(Path.Combine(setup.Workspace.RetrainDirectory, "training-data.csv")).Skip(1).Select(l => int.Parse(l.Split(',')[0])).ToList();
        Assert.Equal(4800, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 3000), ids.Take(3000));
        Assert.All(ids.Skip(3000), id => Assert.InRange(id, 3001, 6000));
    }
}
