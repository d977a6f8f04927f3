using System.Globalization;
using System.Text;
using Pipeline.Data.Proposing;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;

namespace Pipeline.Data.Tests;

/// <summary>
/// NewDataset's proposal from small CSV files: roles and domains inferred, boolean labels mapped by themselves and
/// other labels refused without values, the leakage screen's findings written into the spec, files never overwritten,
/// and the written spec valid against its own schema.
/// </summary>
public sealed class SpecProposerTests
{
    private const int Rows = 400;

    /// <summary>A CSV of every kind of column; <paramref name="label"/> gives each row's label cell from (row, positive).</summary>
    private static string Csv(Func<int, bool, string>? label = null, bool leaky = false, bool strong = false, bool missing = false)
    {
        label ??= (_, positive) => positive ? "Yes" : "No";
        var random = new Random(11);
        var text = new StringBuilder("order_id,amount,channel,region_code,store,member,comment,currency,rating,");
        text.Append(leaky ? "refunded," : "").Append(strong ? "score," : "").Append("outcome\n");
        string[] channels = ["web", "app", "phone"];
        for (var i = 0; i < Rows; i++)
        {
            var positive = random.NextDouble() < 0.3;
            text.Append(CultureInfo.InvariantCulture, $"A{i:D5},{random.NextDouble() * 100:0.00},{channels[random.Next(3)]},")
                .Append(CultureInfo.InvariantCulture, $"{random.Next(1, 11)},0{random.Next(1, 4)},{(random.Next(2) == 1 ? "True" : "False")},")
                .Append(CultureInfo.InvariantCulture, $"\"note {i} about the order, written by hand\",EUR,{(missing && i % 7 == 0 ? "NA" : random.Next(1, 6).ToString(CultureInfo.InvariantCulture))},");
            if (leaky) text.Append(positive ? "1," : "0,");
            if (strong) text.Append(CultureInfo.InvariantCulture, $"{(positive ? 1.0 : 0.0) + random.NextDouble() * 2:0.000},");
            text.Append(label(i, positive)).Append('\n');
        }
        return text.ToString();
    }

    [Fact]
    public void Infers_each_columns_role_and_domain()
    {
        using var directory = new TemporaryDirectory();
        var proposal = SpecProposer.Propose(directory.Write("orders.csv", Csv()), "outcome", "orders");
        var spec = proposal.Spec;

        Assert.Equal(ColumnRole.Id, spec.FindColumn("order_id")!.Role);
        Assert.Equal(ColumnRole.Numeric, spec.FindColumn("amount")!.Role);
        Assert.Equal(0, spec.FindColumn("amount")!.Min);
        Assert.Equal(ColumnRole.Categorical, spec.FindColumn("channel")!.Role);
        Assert.Equal(["app", "phone", "web"], spec.FindColumn("channel")!.Domain!.Order());
        Assert.Equal(ColumnRole.Categorical, spec.FindColumn("region_code")!.Role);
        Assert.Equal(Enumerable.Range(1, 10).Select(n => n.ToString(CultureInfo.InvariantCulture)), spec.FindColumn("region_code")!.Domain!);
        Assert.Equal(["01", "02", "03"], spec.FindColumn("store")!.Domain!);
        Assert.Equal(ColumnRole.Boolean, spec.FindColumn("member")!.Role);
        Assert.Equal(ColumnRole.Excluded, spec.FindColumn("comment")!.Role);
        Assert.Contains("free text", spec.FindColumn("comment")!.Reason);
        Assert.Contains("constant", spec.FindColumn("currency")!.Reason);
        Assert.Equal(ColumnRole.Numeric, spec.FindColumn("rating")!.Role);
        Assert.Equal(ColumnRole.Label, spec.LabelColumn.Role);
        Assert.Equal("Yes", spec.PositiveValue);
        Assert.Contains(proposal.Decisions, d => d.StartsWith("region_code: categorical", StringComparison.Ordinal));
    }

    [Fact]
    public void Refuses_a_multi_class_label_naming_its_values_until_told_which_are_negative()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("traffic.csv", Csv((i, positive) => positive ? (i % 2 == 0 ? "scan" : "flood") : "normal"));

        var error = Assert.Throws<DataException>(() => SpecProposer.Propose(path, "outcome", "traffic"));
        Assert.Contains("'normal'", error.Message);
        Assert.Contains("'scan'", error.Message);
        Assert.Contains("--negative-values", error.Message);
        Assert.Contains("--positive-values", error.Message);

        var spec = SpecProposer.Propose(path, "outcome", "traffic", negativeValues: ["normal"]).Spec;
        Assert.Equal(["normal"], spec.NegativeValues!);
        Assert.Null(spec.PositiveValue);
        Assert.Throws<DataException>(() => SpecProposer.Propose(path, "outcome", "traffic", positiveValues: ["ddos"]));
    }

    [Fact]
    public void Writes_the_leakage_screens_findings_into_the_spec()
    {
        using var directory = new TemporaryDirectory();
        var proposal = SpecProposer.Propose(directory.Write("orders.csv", Csv(leaky: true, strong: true)), "outcome", "orders");

        var refunded = proposal.Spec.FindColumn("refunded")!;
        Assert.Equal(ColumnRole.Excluded, refunded.Role);
        Assert.StartsWith("leakage", refunded.Reason);
        Assert.Equal(ColumnRole.Numeric, proposal.Spec.FindColumn("score")!.Role);
        Assert.Contains("score", proposal.Spec.AcknowledgedLeakage.Keys);
        Assert.Contains(proposal.Review, r => r.Contains("'refunded'", StringComparison.Ordinal));
        Assert.Contains(proposal.Review, r => r.Contains("'score'", StringComparison.Ordinal));
    }

    [Fact]
    public void Written_files_validate_without_errors_and_are_never_overwritten()
    {
        using var root = new TemporaryDirectory();
        var csv = root.Write("data/orders.csv", Csv(leaky: true));
        var run = NewDatasetRun.Run(root.Path, csv, "outcome", null, null, null);

        Assert.Equal(root["data/orders.json"], run.Paths.Spec);
        var spec = DatasetSpec.Load(run.Paths.Spec);
        Assert.Equal("data/orders.csv", spec.Source.Path);
        Assert.Equal("data/orders.csv", DataSchema.Load(run.Paths.Schema).InferredFrom);
        Assert.Contains("LightGbm", File.ReadAllText(run.Paths.Training));
        var (report, _, _) = ValidationRun.Validate(spec, run.Paths.Spec, root.Path, null, root["validation"]);
        Assert.Equal(0, report.Errors);

        var before = File.ReadAllText(run.Paths.Spec);
        var error = Assert.Throws<DataException>(() => NewDatasetRun.Run(root.Path, csv, "outcome", "orders", null, null));
        Assert.Contains(Path.Combine("data", "orders.json"), error.Message);
        Assert.Equal(before, File.ReadAllText(run.Paths.Spec));
    }

    [Fact]
    public void Refuses_a_file_with_missing_cells_naming_the_column_and_count()
    {
        using var directory = new TemporaryDirectory();
        var error = Assert.Throws<DataException>(() =>
            SpecProposer.Propose(directory.Write("orders.csv", Csv(missing: true)), "outcome", "orders"));
        Assert.Contains("'rating' (58 of 400 rows)", error.Message);
    }

    [Fact]
    public void Names_a_dataset_after_its_file()
    {
        Assert.Equal("my-data-2024", SpecProposer.NameFromFile("/tmp/My Data_2024.csv"));
    }
}
