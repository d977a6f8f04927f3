using Pipeline.Modeling.Scoring.Explanation;

namespace Pipeline.Modeling.Tests.Explanation;

public sealed class FieldAttributionTests
{
    static readonly Pipeline.Data.Specs.DatasetSpec Spec = SimulatedData.Spec();
    static readonly IReadOnlyList<string> Slots = new Pipeline.Data.Features.FeatureVectorizer(Spec).FeatureNames;

    static double[] Grouped(string slot, double value)
    {
        var contributions = new double[Slots.Count];
        contributions[Slots.ToList().IndexOf(slot)] = value;
        return FieldAttribution.For(Spec).Group(contributions);
    }

    static double Field(double[] grouped, string field) => grouped[FieldAttribution.For(Spec).Fields.ToList().IndexOf(field)];

    [Fact]
    public void DerivedFeature_IsSplitEquallyAmongTheFieldsItReferences()
    {
        var grouped = Grouped("Temperature difference [K]", 1.0);
        Assert.Equal(0.5, Field(grouped, "Process temperature [K]"), 12);
        Assert.Equal(0.5, Field(grouped, "Air temperature [K]"), 12);
        Assert.Equal(1.0, grouped.Sum(), 12);
    }

    [Fact]
    public void EveryOneHotSlot_GoesToItsCategoricalColumn()
    {
        foreach (var slot in new[] { "Type=L", "Type=M", "Type=H" })
            Assert.Equal(-2.0, Field(Grouped(slot, -2.0), "Type"), 12);
    }

    [Fact]
    public void Fields_AreTheSpecsInputColumns_AndCoverEverySlot()
    {
        var attribution = FieldAttribution.For(Spec);
        Assert.Equal(Slots.Count, attribution.SlotCount);
        Assert.Equal(Spec.Columns.Where(c => c.IsFeature).Select(c => c.Name), attribution.Fields);
    }
}
