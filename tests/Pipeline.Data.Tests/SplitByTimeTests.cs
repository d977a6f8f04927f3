using System.Text;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Splitting;

namespace Pipeline.Data.Tests;

/// <summary>A spec's <c>split.orderBy</c> holds out the latest rows by that column, whatever their order in the file.</summary>
public sealed class SplitByTimeTests
{
    private static DatasetSpec Spec(string orderBy) => DatasetSpec.Parse($$"""
        {
          "name": "series",
          "columns": [
            { "name": "day", "role": "excluded", "type": "text", "reason": "the time of the row" },
            { "name": "tick", "role": "numeric" },
            { "name": "x", "role": "numeric" },
            { "name": "label", "role": "label" }
          ],
          "label": "label", "positiveValue": "1",
          "split": { "testFraction": 0.25, "orderBy": "{{orderBy}}" }
        }
        """, "series.json");

    private static Dataset Load(DatasetSpec spec)
    {
        // Rows written out of time order: day d of 8, tick 10·d; row i holds day (5·i) mod 8.
        var csv = new StringBuilder("day,tick,x,label\n");
        for (var i = 0; i < 8; i++)
        {
            var day = 5 * i % 8;
            csv.Append($"2024-01-{day + 10:D2},{10 * day},{i},{i % 2}\n");
        }
        using var directory = new TemporaryDirectory();
        return DatasetLoader.Load(spec, directory.Path, directory.Write("series.csv", csv.ToString()));
    }

    [Theory]
    [InlineData("day")]
    [InlineData("tick")]
    public void Holds_out_the_last_rows_in_the_columns_order(string orderBy)
    {
        var spec = Spec(orderBy);
        var data = Load(spec);
        var (train, test) = StratifiedSplit.Split(data, spec);

        var days = data.Text("day");
        Assert.Equal(["2024-01-16", "2024-01-17"], test.Select(i => days[i]).Order());
        Assert.Equal(6, train.Length);
        Assert.All(train, i => Assert.True(string.CompareOrdinal(days[i], "2024-01-16") < 0));
    }

    [Fact]
    public void A_split_ordered_by_an_unknown_column_is_a_spec_error_naming_it()
    {
        var error = Assert.Throws<DataException>(() => Spec("when"));
        Assert.Contains("'when'", error.Message);
        Assert.Contains("split.orderBy", error.Message);
    }
}
