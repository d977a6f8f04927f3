using System.Text;
using System.Text.Json;
using Pipeline.Data.Loading;
using Pipeline.Data.Simulation;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;

namespace Pipeline.Data.Tests;

/// <summary>
/// ValidateData reads a large file in parallel chunks; its report is the sequential pass's, to the last example and
/// digit, whatever the chunk size and whatever is wrong with the file. Tiny chunks make small files exercise it.
/// The tests run alone (their own pool threads and allocations would disturb tests that measure the process's memory).
/// </summary>
[Collection(nameof(ParallelValidationTests))]
public sealed class ParallelValidationTests
{
    private static readonly string SpecPath = Path.Combine(RepositoryRoot.Path, "data", "ai4i2020.json");
    private static readonly DatasetSpec Spec = DatasetSpec.Load(SpecPath);
    private static readonly DataSchema Schema = DataSchema.Load(Path.Combine(RepositoryRoot.Path, "data", "ai4i2020.schema.json"));

    [Theory]
    [InlineData(4096)]
    [InlineData(100)] // shorter than some lines: a chunk grows until it holds a line break
    [InlineData(1 << 20)]
    public void CleanData_GivesTheSequentialReport(int chunkBytes)
    {
        using var directory = new TemporaryDirectory();
        var csv = directory["data.csv"];
        SpecSimulation.WriteCsv(Spec, 3_000, null, null, csv);

        AssertSameReport(csv, chunkBytes, inChunks: true);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(1000)]
    public void DataWithManyProblems_GivesTheSequentialReport(int chunkBytes)
    {
        using var directory = new TemporaryDirectory();
        var csv = directory["data.csv"];
        SpecSimulation.WriteCsv(Spec, 4_000, null, null, csv);
        var lines = File.ReadAllLines(csv);
        for (var i = 1; i < lines.Length; i += 37)
        {
            var fields = lines[i].Split(',');
            switch (i % 11)
            {
                case 0: fields[3] = "hot"; break; // not a number
                case 1: fields[4] = ""; break; // missing
                case 2: fields[5] = "-5"; break; // below the spec's minimum
                case 3: fields[0] = "12"; break; // a duplicate id
                case 4: fields[2] = "X"; break; // not a Type
                case 5: fields[6] = " 47.2 "; break; // padded
                case 6: fields[3] = "349.9"; break; // outside the reference range
                case 7: fields[8] = "0"; fields[9] = "1"; break; // a mode without a failure
                case 8: fields[0] = "id-" + (i % 3); break; // text ids, some repeated
                case 9: fields = fields[..^2]; break; // ragged
                default: fields[8] = "maybe"; break; // not a label value
            }
            lines[i] = string.Join(',', fields);
        }
        // In one chunk, a duplicate id (found by the merge) before the first anomaly of another kind (found by the chunk).
        lines[20] = "5" + lines[20][lines[20].IndexOf(',')..];
        lines[25] = string.Join(',', lines[25].Split(',').Select((f, c) => c == 4 ? "NaN" : f));
        File.WriteAllLines(csv, lines);

        var report = AssertSameReport(csv, chunkBytes, inChunks: true);
        Assert.Contains(report.Anomalies, a => a.Kind == "duplicate-id" && a.Examples.Count == 5);
        Assert.Contains(report.Anomalies, a => a.Kind == "ragged-row");
    }

    [Theory]
    [InlineData("ai4i2020")] // derived features with a lookup, label rules that note rows (two failure modes at once)
    [InlineData("ecommerce-conversion")] // a text column, text ids, a label of TRUE/FALSE
    [InlineData("network-intrusion")]
    public void CleanChunks_AreReadColumnByColumn_AndGiveTheSequentialReport(string dataset)
    {
        using var directory = new TemporaryDirectory();
        var spec = DatasetSpec.Load(Path.Combine(RepositoryRoot.Path, "data", dataset + ".json"));
        var schema = DataSchema.Load(Path.Combine(RepositoryRoot.Path, "data", dataset + ".schema.json"));
        var csv = directory["data.csv"];
        if (spec.Source?.Simulator is null)
        {
            // The embedded sample: its lines without quoted fields (a file with quotes is the sequential reader's).
            var sample = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, spec.Source!.Path!));
            File.WriteAllLines(csv, sample.Where(line => !line.Contains('"')));
        }
        else SpecSimulation.WriteCsv(spec, 3_000, null, null, csv);

        var (sequential, _) = Profile(spec, schema, csv, ParallelPass.Off);
        var (parallel, profile) = Profile(spec, schema, csv, new ParallelPass(0, 4096, 2));

        Assert.Equal(sequential, parallel);
        Assert.True(profile.Chunks > 10, $"{profile.Chunks} chunks");
        Assert.Equal(profile.Chunks, profile.ColumnarChunks);
    }

    [Fact]
    public void ColumnsInAnotherOrder_AndAColumnTheSpecDoesNotDeclare_AreReadColumnByColumn()
    {
        using var directory = new TemporaryDirectory();
        var csv = directory["data.csv"];
        SpecSimulation.WriteCsv(Spec, 3_000, null, null, csv);
        // The last column first, and a free-text column the spec does not declare in the middle.
        File.WriteAllLines(csv, File.ReadAllLines(csv).Select((line, i) =>
        {
            var fields = line.Split(',');
            var note = i == 0 ? "Operator note" : $"shift {i % 3}";
            return string.Join(',', [fields[^1], .. fields[..3], note, .. fields[3..^1]]);
        }));

        var (sequential, _) = Profile(Spec, Schema, csv, ParallelPass.Off);
        var (parallel, profile) = Profile(Spec, Schema, csv, new ParallelPass(0, 4096, 2));

        Assert.Equal(sequential, parallel);
        Assert.Contains("Operator note", parallel);
        Assert.Equal(profile.Chunks, profile.ColumnarChunks);
    }

    [Fact]
    public void AChunkWithSomethingToReport_IsReadAgainRowByRow()
    {
        using var directory = new TemporaryDirectory();
        var csv = directory["data.csv"];
        SpecSimulation.WriteCsv(Spec, 3_000, null, null, csv);
        var lines = File.ReadAllLines(csv);
        lines[1500] = string.Join(',', lines[1500].Split(',').Select((f, c) => c == 4 ? "warm" : f));
        File.WriteAllLines(csv, lines);

        var (sequential, _) = Profile(Spec, Schema, csv, ParallelPass.Off);
        var (parallel, profile) = Profile(Spec, Schema, csv, new ParallelPass(0, 4096, 2));

        Assert.Equal(sequential, parallel);
        Assert.Contains("\"type-error\"", parallel);
        // The chunk with the bad cell, and while more than a quarter of the chunks so far needed it, the next few.
        Assert.InRange(profile.ColumnarChunks, profile.Chunks - 4, profile.Chunks - 1);
    }

    [Fact]
    public void CrLfLineEnds_GiveTheSequentialReport()
    {
        using var directory = new TemporaryDirectory();
        var csv = directory["data.csv"];
        SpecSimulation.WriteCsv(Spec, 2_000, null, null, csv);
        File.WriteAllText(csv, File.ReadAllText(csv).Replace("\n", "\r\n"));

        AssertSameReport(csv, 4096, inChunks: true);
    }

    [Theory]
    [InlineData("quote")] // quoted fields: the sequential reader's
    [InlineData("nul")] // binary: the sequential reader words it
    [InlineData("latin1")] // not UTF-8
    [InlineData("lone-cr")]
    [InlineData("bom")]
    [InlineData("blank-first-line")]
    [InlineData("bad-header")]
    public void FilesThePlainPathLeavesToTheSequentialReader_GiveItsReport(string problem)
    {
        using var directory = new TemporaryDirectory();
        var csv = directory["data.csv"];
        SpecSimulation.WriteCsv(Spec, 2_000, null, null, csv);
        var bytes = File.ReadAllBytes(csv).ToList();
        var middle = bytes.IndexOf((byte)'\n', bytes.Count / 2) + 1;
        switch (problem)
        {
            case "quote": bytes.InsertRange(middle, Encoding.UTF8.GetBytes("9999999,\"L, 1\",L,300,310,1500,40,10,0,0,0,0,0,0\n")); break;
            case "nul": bytes.Insert(middle + 3, 0); break;
            case "latin1": bytes.Insert(middle + 3, 0xE9); break;
            case "lone-cr": bytes[middle - 1] = (byte)'\r'; break;
            case "bom": bytes.InsertRange(0, [0xEF, 0xBB, 0xBF]); break;
            case "blank-first-line": bytes.Insert(0, (byte)'\n'); break;
            default: bytes.RemoveRange(0, 3); bytes.InsertRange(0, Encoding.UTF8.GetBytes("Id")); break; // no UDI column
        }
        File.WriteAllBytes(csv, bytes.ToArray());

        AssertSameReport(csv, 4096, inChunks: false);
    }

    [Fact]
    public void InferredSchema_IsTheSequentialOne()
    {
        using var directory = new TemporaryDirectory();
        var csv = directory["data.csv"];
        SpecSimulation.WriteCsv(Spec, 3_000, null, null, csv);

        string Infer(ParallelPass pass)
        {
            using var source = DataSource.Open(Spec, RepositoryRoot.Path, csv);
            var profile = DataProfiler.Profile(Spec, source, null, keepData: false, pass);
            Assert.Equal(pass.Workers > 1, profile.Chunks > 0);
            return JsonSerializer.Serialize(profile.Columns.Select(c => new { c.Valid, c.Min, c.Max, c.Mean, c.StandardDeviation, c.Distinct, c.TrueCount }),
                new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        }

        Assert.Equal(Infer(ParallelPass.Off), Infer(new ParallelPass(0, 2048, 2)));
    }

    // inChunks: whether the parallel pass reads the file itself (true) or leaves it to the sequential reader.
    private static ValidationReport AssertSameReport(string csv, int chunkBytes, bool inChunks)
    {
        var pass = new ParallelPass(0, chunkBytes, 2);
        var sequential = Validate(csv, ParallelPass.Off);
        var parallel = Validate(csv, pass);
        Assert.Equal(JsonSerializer.Serialize(sequential), JsonSerializer.Serialize(parallel));
        using var source = DataSource.Open(Spec, RepositoryRoot.Path, csv);
        Assert.Equal(inChunks, DataProfiler.Profile(Spec, source, Schema, keepData: false, pass).Chunks > 0);
        return parallel;
    }

    // The report as JSON, and the profile of the same pass (its chunks).
    private static (string Report, DataProfile Profile) Profile(DatasetSpec spec, DataSchema schema, string csv, ParallelPass pass)
    {
        using var source = DataSource.Open(spec, RepositoryRoot.Path, csv);
        var report = DataValidator.Validate(spec, source, schema, "schema.json", keepData: false, pass).Report;
        using var again = DataSource.Open(spec, RepositoryRoot.Path, csv);
        return (JsonSerializer.Serialize(report), DataProfiler.Profile(spec, again, schema, keepData: false, pass));
    }

    private static ValidationReport Validate(string csv, ParallelPass pass)
    {
        using var source = DataSource.Open(Spec, RepositoryRoot.Path, csv);
        return DataValidator.Validate(Spec, source, Schema, "data/ai4i2020.schema.json", keepData: false, pass).Report;
    }
}

/// <summary>Runs <see cref="ParallelValidationTests"/> after the parallel tests, alone.</summary>
[CollectionDefinition(nameof(ParallelValidationTests), DisableParallelization = true)]
public sealed class ParallelValidationCollection;
