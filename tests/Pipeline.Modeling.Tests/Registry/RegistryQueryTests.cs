using System.Text.Json;
using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Tests.RegistrySemantics;

public class RegistryQueryTests
{
    [Fact]
    public void Listing_ShowsStageDataMetricsRunCommitImageDeploymentAndDrift_PerVersion()
    {
        using var fixture = new RegistryFixture();
        fixture.Register("one");
        fixture.Register("two", dataHash: "data-2");
        fixture.Registry.Record(new ImageBuilt("pipeline/d:1", "sha256:feedbeef00112233", ["1", "production"]) { Version = 1 });
        fixture.Registry.Record(new Deployed("local", "http://127.0.0.1:8080", "pipeline/d:1") { Version = 1 });
        fixture.Registry.Record(new DriftChecked("drift", ["Torque [Nm]"], "inference log, 5000 rows", "artifacts/d/drift/report.json") { Version = 1 });

        var rows = RegistryListing.Of(fixture.Registry);

        var first = rows[0];
        Assert.Equal((1, ModelStage.Production, "data/a.csv", "data-1", "run-one", "abc123"), (first.Version, first.Stage!.Value, first.DataSource, first.DataHash, first.RunId, first.GitCommit));
        Assert.Equal(("sha256:feedbeef00112233", "local", "drift"), (first.ImageDigest, first.LastDeployment!.Environment, first.LastDriftVerdict));
        Assert.StartsWith("sha256:", first.Digest);
        Assert.Equal((2, ModelStage.Staging, (string?)null, (DeploymentSummary?)null), (rows[1].Version, rows[1].Stage!.Value, rows[1].ImageDigest, rows[1].LastDeployment));

        var table = RegistryListing.ToTable(rows).Split('\n');
        Assert.Equal(3, table.Length);
        Assert.StartsWith("version  stage       created (UTC)", table[0]);
        Assert.Contains("production", table[1]);
        Assert.Contains("0.9000  0.9500  0.8000  run-one", table[1]);
        Assert.Contains("feedbeef0011  local ", table[1]);
        Assert.EndsWith("drift", table[1]);

        using var json = JsonDocument.Parse(RegistryListing.ToJson("d", rows));
        var version = json.RootElement.GetProperty("versions")[0];
        Assert.Equal("d", json.RootElement.GetProperty("dataset").GetString());
        Assert.Equal("production", version.GetProperty("stage").GetString());
        Assert.Equal(0.95, version.GetProperty("metrics").GetProperty("rocAuc").GetDouble());
        Assert.Equal("http://127.0.0.1:8080", version.GetProperty("lastDeployment").GetProperty("endpoint").GetString());
    }

    [Fact]
    public void Lineage_ChainsDataRunVersionImageDeploymentDriftAndRetrain()
    {
        using var fixture = new RegistryFixture();
        fixture.Register("one");
        fixture.Registry.Record(new ImageBuilt("pipeline/d:1", "sha256:feedbeef", ["1"]) { Version = 1 });
        fixture.Registry.Record(new Deployed("local", "http://127.0.0.1:8080", "pipeline/d:1") { Version = 1 });
        fixture.Registry.Record(new DriftChecked("drift", ["Torque [Nm]"], "recent.csv", "report.json") { Version = 1 });
        var retrained = fixture.Register("two", dataHash: "data-2").Version;
        fixture.Registry.Record(new RetrainTriggered(retrained) { Version = 1, Reason = "drift on Torque [Nm]" });

        var lineage = VersionLineage.Of(fixture.Registry, 1);
        var text = lineage.ToText().Split('\n');

        Assert.Equal(["data", "run", "version", "stage", "image", "deployed", "drift", "retrain"], text.Select(l => l.Split(' ')[0] is { Length: > 0 } word ? word : l.Trim().Split(' ')[0]));
        Assert.StartsWith("data      data/a.csv, SHA-256 data-1", text[0]);
        Assert.Contains("pipeline/d:1 sha256:feedbeef", text[4]);
        Assert.Contains("local at http://127.0.0.1:8080", text[5]);
        Assert.Contains("drift (Torque [Nm]) on recent.csv", text[6]);
        Assert.Contains($"registered v{retrained}: drift on Torque [Nm]", text[7]);
        Assert.Equal(1, VersionLineage.Of(fixture.Registry, retrained).RetrainedFrom!.Version);
    }

    [Fact]
    public void Record_RefusesEventsThatBelongToTheRegistrysOwnOperations_AndUnknownVersions()
    {
        using var fixture = new RegistryFixture();
        fixture.Register("one");
        Assert.Throws<ArgumentException>(() => fixture.Registry.Record(new StageChanged(null, ModelStage.Production, null) { Version = 1 }));
        Assert.Contains("Version 9 is not in the model registry", Assert.Throws<ModelingException>(() => fixture.Registry.Record(new Deployed("local", "x", "y") { Version = 9 })).Message);
    }
}
