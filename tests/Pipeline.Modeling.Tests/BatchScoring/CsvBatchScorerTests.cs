using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Data;
using Pipeline.Data.Csv;
using Pipeline.Data.Loading;
using Pipeline.Modeling.Scoring;
using Pipeline.Modeling.Scoring.Batch;

namespace Pipeline.Modeling.Tests.BatchScoring;

/// <summary>Batch scoring of a CSV through a registered version with cause models (the Score target's core).</summary>
[Collection(CauseModelCollection.Name)]
public class CsvBatchScorerTests(CauseModelFixture fixture)
{
    static readonly string[] Inputs = ["Type", "Air temperature [K]", "Process temperature [K]", "Rotational speed [rpm]", "Torque [Nm]", "Tool wear [min]"];

    static string Simulated(TemporaryDirectory folder, int rows)
    {
        var path = folder["input.csv"];
        SpecSimulation.WriteCsv(SimulatedData.Spec(), rows, 7, null, path);
        return path;
    }

    static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = new CsvRecordReader(new StreamReader(path), Path.GetFileName(path));
        reader.ReadRecord();
        var header = Enumerable.Range(0, reader.FieldCount).Select(i => reader.Field(i).ToString()).ToList();
        var rows = new List<Dictionary<string, string>>();
        while (reader.ReadRecord()) rows.Add(header.Select((h, i) => (h, v: reader.Field(i).ToString())).ToDictionary(x => x.h, x => x.v));
        return rows;
    }

    // The record a client posts to /predict, built independently of the scorer.
    static IReadOnlyDictionary<string, JsonElement> PostedRecord(Dictionary<string, string> row)
    {
        var json = new JsonObject();
        foreach (var field in Inputs)
            json[field] = field == "Type" ? JsonValue.Create(row[field]) : JsonValue.Create(double.Parse(row[field], CultureInfo.InvariantCulture));
        return JsonDocument.Parse(json.ToJsonString()).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    [Fact]
    public void EveryRow_GetsTheProbabilityLabelAndCausesOfTheRecordPostedToPredict_AcrossChunkBoundaries()
    {
        using var folder = new TemporaryDirectory();
        var input = Simulated(folder, CsvBatchScorer.ChunkRows + 904);
        using var model = ScoringModel.Load(fixture.VersionDirectory);

        var result = new CsvBatchScorer(model, new BatchScoringOptions(), _ => { }).Score(input, folder["out.csv"]);

        var inputRows = ReadCsv(input);
        var scored = ReadCsv(folder["out.csv"]);
        Assert.Equal(inputRows.Count, result.Rows);
        Assert.Equal(inputRows.Count, scored.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            Assert.Equal(inputRows[i]["UDI"], scored[i]["UDI"]);
            var expected = model.Score(PostedRecord(inputRows[i]));
            Assert.Equal(expected.Probability, double.Parse(scored[i]["probability"], CultureInfo.InvariantCulture));
            Assert.Equal(expected.Label ? "true" : "false", scored[i]["label"]);
            for (var c = 0; c < model.CauseNames.Count; c++)
                Assert.Equal(expected.CauseProbabilities![c], float.Parse(scored[i][$"cause:{model.CauseNames[c]}"], CultureInfo.InvariantCulture));
            Assert.Equal(model.Version.ToString(CultureInfo.InvariantCulture), scored[i]["modelVersion"]);
        }
    }

    [Fact]
    public void Output_KeepsEveryInputColumnAsRead_ThenTheResultColumns()
    {
        using var folder = new TemporaryDirectory();
        var input = Simulated(folder, 50);
        using var model = ScoringModel.Load(fixture.VersionDirectory);
        new CsvBatchScorer(model, new BatchScoringOptions(), _ => { }).Score(input, folder["out.csv"]);

        var inputLines = File.ReadAllLines(input);
        var outputLines = File.ReadAllLines(folder["out.csv"]);
        Assert.Equal(inputLines[0] + ",probability,label,cause:HDF,cause:OSF,cause:TWF,modelVersion", outputLines[0]);
        for (var i = 1; i < inputLines.Length; i++) Assert.StartsWith(inputLines[i] + ",", outputLines[i], StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WritesEachMembersBaseValueAndFieldContributions_AsPredictExplainsThem()
    {
        using var folder = new TemporaryDirectory();
        var input = Simulated(folder, 40);
        using var model = ScoringModel.Load(fixture.VersionDirectory);
        new CsvBatchScorer(model, new BatchScoringOptions(Explain: true), _ => { }).Score(input, folder["out.csv"]);

        var inputRows = ReadCsv(input);
        var scored = ReadCsv(folder["out.csv"]);
        for (var i = 0; i < scored.Count; i++)
        {
            var explanation = model.Explain(PostedRecord(inputRows[i]));
            Assert.Equal(CauseModelFixture.MemberNames, explanation.Select(m => m.Member));
            foreach (var member in explanation)
            {
                Assert.Equal(member.BaseValue, double.Parse(scored[i][$"{member.Member}:baseValue"], CultureInfo.InvariantCulture));
                var sum = member.BaseValue;
                foreach (var field in member.Fields)
                {
                    var written = double.Parse(scored[i][$"{member.Member}:{field.Name}"], CultureInfo.InvariantCulture);
                    Assert.Equal(field.Value, written);
                    sum += written;
                }
                Assert.Equal(member.RawScore, sum, 1e-6);
            }
        }
    }

    [Fact]
    public void AValueTheModelCannotTake_StopsWithTheFileLineAndColumn_AndLeavesNoOutput()
    {
        using var folder = new TemporaryDirectory();
        var input = Simulated(folder, 30);
        var lines = File.ReadAllLines(input);
        lines[6] = ReplaceField(lines[6], column: 6, "heavy");
        File.WriteAllLines(input, lines);
        using var model = ScoringModel.Load(fixture.VersionDirectory);

        var error = Assert.Throws<DataException>(() => new CsvBatchScorer(model, new BatchScoringOptions(), _ => { }).Score(input, folder["out.csv"]));

        Assert.Contains("input.csv line 7", error.Message);
        Assert.Contains("'Torque [Nm]'", error.Message);
        Assert.Contains("--skip-invalid-rows", error.Message);
        Assert.Equal(["input.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void SkipInvalidRows_LeavesTheBadRowsOut_AndCountsThem()
    {
        using var folder = new TemporaryDirectory();
        var input = Simulated(folder, 30);
        var lines = File.ReadAllLines(input);
        lines[3] = ReplaceField(lines[3], column: 2, "Z");
        lines[9] = string.Join(',', lines[9].Split(',')[..5]);
        File.WriteAllLines(input, lines);
        using var model = ScoringModel.Load(fixture.VersionDirectory);

        var result = new CsvBatchScorer(model, new BatchScoringOptions(SkipInvalidRows: true), _ => { }).Score(input, folder["out.csv"]);

        Assert.Equal(28, result.Rows);
        Assert.Equal(2, result.Skipped);
        var udis = ReadCsv(folder["out.csv"]).Select(r => r["UDI"]).ToList();
        Assert.DoesNotContain(lines[3].Split(',')[0], udis);
        Assert.DoesNotContain(lines[9].Split(',')[0], udis);
    }

    [Fact]
    public void AFileWithoutAModelInputColumn_IsRefusedNamingTheColumn()
    {
        using var folder = new TemporaryDirectory();
        var input = folder["input.csv"];
        File.WriteAllLines(input, ["Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Tool wear [min]", "M,298.1,308.6,1551,0"]);
        using var model = ScoringModel.Load(fixture.VersionDirectory);

        var error = Assert.Throws<DataException>(() => new CsvBatchScorer(model, new BatchScoringOptions(), _ => { }).Score(input, folder["out.csv"]));

        Assert.Contains("no column 'Torque [Nm]'", error.Message);
        Assert.False(File.Exists(folder["out.csv"]));
    }

    [Fact]
    public void OnlyTheModelInputs_AreNeeded_AndCellsWithCommasOrQuotesSurviveTheRoundTrip()
    {
        using var folder = new TemporaryDirectory();
        var input = folder["input.csv"];
        File.WriteAllLines(input, ["note,Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min]",
            "\"checked, \"\"twice\"\"\",M,298.1,308.6,1551,42.8,0", " padded ,L, 299.0 ,309.1,1400,55.0,210"]);
        using var model = ScoringModel.Load(fixture.VersionDirectory);

        var result = new CsvBatchScorer(model, new BatchScoringOptions(), _ => { }).Score(input, folder["out.csv"]);

        Assert.Equal(2, result.Rows);
        var scored = ReadCsv(folder["out.csv"]);
        Assert.Equal("checked, \"twice\"", scored[0]["note"]);
        Assert.Equal(" padded ", scored[1]["note"]);
        Assert.InRange(double.Parse(scored[1]["probability"], CultureInfo.InvariantCulture), 0, 1);
    }

    static string ReplaceField(string line, int column, string value)
    {
        var cells = line.Split(',');
        cells[column] = value;
        return string.Join(',', cells);
    }
}
