using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Steps;

namespace Pipeline.Monitoring.Tests;

/// <summary>
/// The drift reference stored with a trained model (Train's artifacts and the registry version): a check against the
/// production version uses it instead of reading the training data, and reports exactly what the training data gives;
/// it is not used for other data, another spec or other bins.
/// </summary>
public class StoredDriftReferenceTests
{
    sealed class TrainedRoot : IDisposable
    {
        readonly TemporaryDirectory root = new();
        readonly StepLog log = new(_ => { }, _ => { });

        public TrainedRoot(bool storeReference = true)
        {
            SimulatedData.WriteConfiguration(Path, SimulatedData.FastConfiguration);
            var data = System.IO.Path.Combine(Path, "data");
            Directory.CreateDirectory(data);
            foreach (var file in new[] { "ai4i2020.json", "ai4i2020.schema.json" })
                File.Copy(System.IO.Path.Combine(SimulatedData.RepositoryRoot, "data", file), System.IO.Path.Combine(data, file));
            TrainingCsv = WriteCsv("training.csv", 3000, 42, null);
            Selection = new DatasetSelection(Path, "ai4i2020", TrainingCsv);
            var attachments = storeReference ? new IVersionAttachment[] { new DriftReferenceAttachment(Workspace.DriftSettingsPath) } : [];
            var training = Selection.Load();
            new TrainStep(Workspace, log, attachments).Run(training);
            new EvaluateStep(Workspace, log).Run(training, isEmbeddedDefault: false, MissingSnapshotPolicy.Warn);
            Version = new RegisterStep(Workspace, log, attachments).Run(training).Version;
        }

        public string Path => root.Path;
        public string TrainingCsv { get; }
        public DatasetSelection Selection { get; }
        public Workspace Workspace => new(Path, "ai4i2020");
        public int Version { get; }
        public string VersionDirectory => Workspace.OpenRegistry().LocalVersionDirectory(Version);

        public string WriteCsv(string name, int rows, ulong seed, string? scenario)
        {
            var path = System.IO.Path.Combine(Path, name);
            using var source = DataSource.OpenSimulator(new SimulatorSourceSpec { Rows = rows, Seed = seed, Scenario = scenario });
            File.WriteAllText(path, source.Reader.ReadToEnd());
            return path;
        }

        public void Dispose() => root.Dispose();
    }

    static void AssertSameVerdicts(DriftResult expected, DriftResult actual)
    {
        Assert.Equal(expected.ReferenceDescription, actual.ReferenceDescription);
        Assert.Equal(expected.ReferenceRows, actual.ReferenceRows);
        var pairs = expected.Features.Append(expected.Score).Zip(actual.Features.Append(actual.Score));
        foreach (var (e, a) in pairs)
        {
            Assert.NotNull(e);
            Assert.NotNull(a);
            Assert.Equal(e!.Column, a!.Column);
            Assert.Equal((e.Psi, e.Threshold, e.Method, e.PsiPValue, e.Statistic, e.PValue, e.Drifted),
                (a.Psi, a.Threshold, a.Method, a.PsiPValue, a.Statistic, a.PValue, a.Drifted));
            Assert.Equal(e.Histogram.ReferenceShare, a.Histogram.ReferenceShare);
        }
        Assert.Equal(expected.EstimatedPerformance!.F1, actual.EstimatedPerformance!.F1);
        Assert.Equal(expected.EstimatedPerformance.Calibration, actual.EstimatedPerformance.Calibration);
        Assert.Equal(expected.LabelDrift, actual.LabelDrift);
        Assert.Equal(expected.ToJson(), actual.ToJson());
    }

    [Fact]
    public void CheckAgainstTheStoredReference_ReportsWhatTheTrainingDataGives()
    {
        using var root = new TrainedRoot();
        var current = root.WriteCsv("current.csv", 2000, 99, "hot-ambient");
        var lines = new List<string>();

        var stored = new DriftCheck(root.Path, "ai4i2020", lines.Add, lines.Add).Run(root.Selection, current);
        var computed = new DriftCheck(root.Path, "ai4i2020").Run(
            root.Selection.Load(DriftCheck.MonitoredColumns(root.Selection.Spec)), DriftCheck.OpenCurrent(root.Selection.Spec, current));

        Assert.Contains(lines, l => l.Contains($"training split, stored with v{root.Version}"));
        Assert.Contains("Air temperature [K]", stored.Drifted.Select(f => f.Column));
        AssertSameVerdicts(computed, stored);
    }

    [Fact]
    public void StoredReference_IsWrittenBesideTheModel_AndStoredInTheVersionAsTrainWroteIt()
    {
        using var root = new TrainedRoot();

        var trained = File.ReadAllText(Path.Combine(root.Workspace.TrainingDirectory, RegistryLayout.DriftReferenceFile));
        var versioned = File.ReadAllText(Path.Combine(root.VersionDirectory, RegistryLayout.DriftReferenceFile));

        Assert.Equal(trained, versioned);
        var manifest = File.ReadAllText(Path.Combine(root.VersionDirectory, RegistryLayout.ManifestFile));
        Assert.Contains(RegistryLayout.DriftReferenceFile, manifest);
        var reference = StoredDriftReference.Read(Path.Combine(root.VersionDirectory, RegistryLayout.DriftReferenceFile));
        Assert.Equal(root.Selection.Load().ContentHash, reference.DataHash);
        Assert.Equal(2400, reference.Rows);
    }

    [Fact]
    public void OtherReferenceData_IsReadAndCompared_AndTheLogSaysWhyTheStoredReferenceWasNotUsed()
    {
        using var root = new TrainedRoot();
        var other = new DatasetSelection(root.Path, "ai4i2020", root.WriteCsv("other.csv", 3000, 7, null));
        var current = root.WriteCsv("current.csv", 2000, 99, null);
        var lines = new List<string>();

        var result = new DriftCheck(root.Path, "ai4i2020", lines.Add, lines.Add).Run(other, current);

        Assert.Contains(lines, l => l.Contains($"The drift reference stored with production v{root.Version} is not used: it was computed from other data"));
        Assert.Contains("other.csv", result.ReferenceDescription);
        Assert.NotNull(result.Score);
    }

    [Fact]
    public void ChangedBinsInDriftSettings_AreNotServedByTheStoredReference()
    {
        using var root = new TrainedRoot();
        File.WriteAllText(root.Workspace.DriftSettingsPath, """{ "bins": 8 }""");
        var current = root.WriteCsv("current.csv", 2000, 99, null);
        var lines = new List<string>();

        var result = new DriftCheck(root.Path, "ai4i2020", lines.Add, lines.Add).Run(root.Selection, current);

        Assert.Contains(lines, l => l.Contains("it has 10 bins per numeric feature, the drift settings now 8"));
        Assert.True(result.Features.Where(f => f.IsNumeric).All(f => f.Histogram.Bins.Count <= 8));
    }

    [Fact]
    public void VersionRegisteredWithoutAStoredReference_IsCheckedFromTheTrainingData_AsBefore()
    {
        using var root = new TrainedRoot(storeReference: false);
        var current = root.WriteCsv("current.csv", 2000, 99, "hot-ambient");
        var lines = new List<string>();

        var result = new DriftCheck(root.Path, "ai4i2020", lines.Add, lines.Add).Run(root.Selection, current);
        var computed = new DriftCheck(root.Path, "ai4i2020").Run(
            root.Selection.Load(DriftCheck.MonitoredColumns(root.Selection.Spec)), DriftCheck.OpenCurrent(root.Selection.Spec, current));

        Assert.False(File.Exists(Path.Combine(root.VersionDirectory, RegistryLayout.DriftReferenceFile)));
        Assert.Contains(lines, l => l.Contains($"Production v{root.Version} has no stored drift reference"));
        AssertSameVerdicts(computed, result);
    }
}
