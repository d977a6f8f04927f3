using System.Text.Json;
using Pipeline.Modeling.Evaluation;

namespace Pipeline.Modeling.Tests;

/// <summary>metrics.json as Evaluate hands it to Register and the build: typed fields over the same JSON shape as before.</summary>
public class EvaluationRecordTests
{
    static EvaluationResult Result(ChampionComparison? champion = null)
    {
        float[] probabilities = [0.9f, 0.8f, 0.2f, 0.1f, 0.6f, 0.3f];
        bool[] labels = [true, true, false, false, false, true];
        var metrics = BinaryMetrics.Compute(probabilities, labels, 0.5);
        return new EvaluationResult("ai4i2020", "hash", "LightGbm", metrics, null, [], champion, probabilities, labels);
    }

    [Fact]
    public void WrittenRecord_KeepsTheFlatMetricsJsonShape_AndReadsBackTyped()
    {
        using var root = new TemporaryDirectory();
        var path = root["metrics.json"];
        var result = Result();
        var tie = new Promotion.PromotionRule().Decide(result.Labels, new Promotion.ScoredPredictions(result.Probabilities, 0.5), new Promotion.ScoredPredictions(result.Probabilities, 0.5));
        var champion = new ChampionComparison(2, result.Test, result.Test, tie);
        result = result with { Champion = champion };

        EvaluationRecord.Of(result, "run-1", 6, "abc123", gatePassed: true).Write(path, result);

        using (var json = JsonDocument.Parse(File.ReadAllText(path)))
        {
            var rootElement = json.RootElement;
            Assert.Equal("run-1", rootElement.GetProperty("runId").GetString());
            Assert.True(rootElement.GetProperty("gatePassed").GetBoolean());
            Assert.Equal(Math.Round(result.Test.F1, 6), rootElement.GetProperty("f1").GetDouble());
            Assert.Equal(Math.Round(result.Test.RocAuc, 6), rootElement.GetProperty("rocAuc").GetDouble());
            Assert.Equal(2, rootElement.GetProperty("champion").GetProperty("version").GetInt32());
        }
        var read = EvaluationRecord.Read(path);
        Assert.Equal("run-1", read.RunId);
        Assert.Equal(6, read.DataRows);
        Assert.Equal("abc123", read.ModelSha256);
        Assert.True(read.GatePassed);
        Assert.Equal(Math.Round(result.Test.Accuracy, 6), read.Metrics["accuracy"]);
        Assert.Equal((2, false), (read.Champion!.Version, read.Champion.ChallengerWins));
        Assert.Equal((2, false, tie.Sentence), (read.Promotion!.ChampionVersion, read.Promotion.Promote, read.Promotion.Sentence));
        Assert.Equal(Math.Round(result.Test.F1, 6), read.Champion.ChampionMetrics["f1"]);
        Assert.Equal("hash", read.DataHash);
    }

    [Fact]
    public void GateRowsSlicesAndCauses_RoundTripTyped()
    {
        using var root = new TemporaryDirectory();
        var path = root["metrics.json"];
        var result = Result();
        result = result with
        {
            Slices = [new SliceMetrics("Type", "H", result.Test)],
            Causes = [new CauseMetrics("HDF", 3, 2, 0.97)],
        };
        var record = EvaluationRecord.Of(result, "run-2", 6, "abc", gatePassed: false) with
        {
            Gate = [new GateRow("f1", 0.80, 0.83, 0.01, 0.75, "regressed", true), new GateRow("rocAuc", 0.97, null, 0.005, null, "no snapshot", false)],
            GateSnapshot = "models/ai4i2020/metrics.verified.json",
        };

        record.Write(path, result);
        var read = EvaluationRecord.Read(path);

        Assert.Equal(record.Gate, read.Gate);
        Assert.Equal("models/ai4i2020/metrics.verified.json", read.GateSnapshot);
        var slice = Assert.Single(read.Slices);
        Assert.Equal(("Type", "H", 6, 3), (slice.Column, slice.Value, slice.Rows, slice.Positives));
        Assert.Equal(Math.Round(result.Test.F1, 6), slice.Metrics["f1"]);
        Assert.Equal(new CauseRecord("HDF", 3, 2), Assert.Single(read.Causes));
        Assert.False(read.GatePassed);
    }

    [Fact]
    public void MissingFile_SaysToRunEvaluate()
    {
        using var root = new TemporaryDirectory();
        var error = Assert.Throws<ModelingException>(() => EvaluationRecord.Read(root["metrics.json"]));
        Assert.Equal($"{root["metrics.json"]} does not exist; run the Evaluate target first.", error.Message);
    }

    [Theory]
    [InlineData("[1, 2]", "is not a JSON object; run the Evaluate target again. Nothing was registered.")]
    [InlineData("{ \"f1\": ", "is not valid JSON")]
    [InlineData("{ \"f1\": \"high\" }", ": 'f1' is \"high\", but must be a number; run the Evaluate target again. Nothing was registered.")]
    public void DamagedFile_IsRefusedWithASentenceNamingIt(string content, string expected)
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root["metrics.json"], content);

        var error = Assert.Throws<ModelingException>(() => EvaluationRecord.Read(root["metrics.json"]));

        Assert.StartsWith($"Evaluate's metrics {root["metrics.json"]}", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Null(EvaluationRecord.TryRead(root["metrics.json"]));
    }

    [Fact]
    public void FieldsEvaluateDidNotWrite_ReadAsNotPassedAndUnknown()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root["metrics.json"], "{ \"gatePassed\": \"yes\", \"champion\": { \"version\": \"two\" } }");

        var read = EvaluationRecord.Read(root["metrics.json"]);

        Assert.False(read.GatePassed);
        Assert.Null(read.RunId);
        Assert.Null(read.ModelSha256);
        Assert.Null(read.Champion);
        Assert.Empty(read.Metrics);
    }
}
