using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Steps;

namespace Pipeline.Modeling.Tests.RegistrySemantics;

/// <summary>
/// What Containerize, Deploy and CheckDrift record in the registry's event log, on the version they used, and how
/// Lineage and Models show it (the Docker and Kubernetes parts are not needed to record).
/// </summary>
public class LifecycleFactsTests
{
    static (Workspace Workspace, ModelRegistry Registry, List<string> Log) Registered(TemporaryDirectory root, bool production = true)
    {
        var workspace = new Workspace(root.Path, "d");
        var registry = new ModelRegistry(workspace.RegistryDirectory);
        var model = root["model.zip"];
        File.WriteAllText(model, "model bytes");
        registry.Register(new RegistrationRequest(new ModelRegistration(model,
            new ModelMetadata { Lineage = new() { Dataset = "d", Trainer = "LightGbm", DataHash = "data", ConfigHash = "config", RunId = "run-1" } },
            new Dictionary<string, string> { ["spec.json"] = "{}" }))
        {
            ChooseStage = _ => production ? new StageDecision(ModelStage.Production, "first") : null,
        });
        return (workspace, registry, []);
    }

    [Fact]
    public void ImageAndDeployment_AreRecordedOnTheVersion_AndLineageShowsThem()
    {
        using var root = new TemporaryDirectory();
        var (workspace, registry, log) = Registered(root);
        var facts = new LifecycleFacts(workspace, new StepLog(log.Add, log.Add));

        facts.ImageBuilt("1", "pipeline-d:1", "sha256:abc123", ["pipeline-d:1", "pipeline-d:latest"]);
        facts.Deployed("1", "kubernetes (dry run)", "dry run: service default/pipeline-d", "pipeline-d:1");

        var lineage = VersionLineage.Of(registry, 1).ToText();
        Assert.Contains("image     pipeline-d:1 sha256:abc123 (tags pipeline-d:1, pipeline-d:latest)", lineage);
        Assert.Contains("deployed  kubernetes (dry run) at dry run: service default/pipeline-d, image pipeline-d:1", lineage);
        Assert.Equal(["Recorded on v1: image pipeline-d:1 (sha256:abc123).", "Recorded on v1: deployed to kubernetes (dry run) (dry run: service default/pipeline-d)."], log);
    }

    [Fact]
    public void ADriftCheck_IsRecordedOnTheProductionVersion()
    {
        using var root = new TemporaryDirectory();
        var (workspace, registry, _) = Registered(root);

        var stored = new LifecycleFacts(workspace, StepLog.None).DriftChecked(true, ["Torque [Nm]"], "inference log (500 rows)", "artifacts/d/drift/report.json");

        var check = Assert.IsType<DriftChecked>(stored!.Event);
        Assert.Equal((1, "drift", "Torque [Nm]"), (check.Version!.Value, check.Verdict, Assert.Single(check.DriftedFeatures)));
        Assert.Contains("drift     ", VersionLineage.Of(registry, 1).ToText());
        Assert.Contains("drift (Torque [Nm]) on inference log (500 rows)", VersionLineage.Of(registry, 1).ToText());
    }

    [Fact]
    public void ADriftCheck_WithoutProduction_RecordsNothing()
    {
        using var root = new TemporaryDirectory();
        var (workspace, registry, _) = Registered(root, production: false);

        Assert.Null(new LifecycleFacts(workspace, StepLog.None).DriftChecked(false, [], "data.csv (200 rows)", "report.json"));
        Assert.DoesNotContain(registry.Events.ReadAll(), e => e.Event is DriftChecked);
    }

    [Fact]
    public void AnImageOfAnUnregisteredVersion_IsRefused()
    {
        using var root = new TemporaryDirectory();
        var (workspace, _, _) = Registered(root);

        Assert.Throws<ModelingException>(() => new LifecycleFacts(workspace, StepLog.None).ImageBuilt("7", "pipeline-d:7", "sha256:def", []));
    }
}
