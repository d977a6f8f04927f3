using Pipeline.Data.Features.Expressions;
using Pipeline.Data.Simulation;

namespace Pipeline.Data.Specs;

/// <summary>Checks a deserialised spec for consistency, so that later stages can rely on it.</summary>
internal sealed class DatasetSpecChecker(DatasetSpec spec, string path)
{
    public void Check()
    {
        if (string.IsNullOrWhiteSpace(spec.Name))
            Fail("name", "needs a non-empty \"name\"");
        CheckSource();
        CheckColumns();
        CheckLabel();
        CheckDerivedFeatures();
        if (spec.Split is null || !(spec.Split.TestFraction > 0 && spec.Split.TestFraction < 1))
            Fail("split.testFraction", $"needs split.testFraction strictly between 0 and 1, got {spec.Split?.TestFraction}");
        if (spec.Split?.OrderBy is { } orderBy && (spec.FindColumn(orderBy) is not { } ordered || ordered.Role == ColumnRole.Label))
            Fail("split.orderBy", $"orders the split by '{orderBy}', which is not a column of the spec other than the label; name the column that holds each row's time");
        CheckLabelRules();
        CheckLeakageSettings();
    }

    private void CheckLeakageSettings()
    {
        if (spec.AcknowledgedLeakage is null || spec.LeakageScreen is null)
            Fail(spec.LeakageScreen is null ? "leakageScreen" : "acknowledgedLeakage", "sets the leakage settings to null; leave them out for the defaults");
        foreach (var (column, reason) in spec.AcknowledgedLeakage!)
        {
            if (spec.FindColumn(column) is not { IsFeature: true })
                Fail("acknowledgedLeakage", $"acknowledges leakage of '{column}', which is not a feature column of the spec (numeric, categorical or boolean)");
            if (string.IsNullOrWhiteSpace(reason))
                Fail("acknowledgedLeakage", $"acknowledges leakage of '{column}' without a reason; say why it is known at prediction time");
        }
        var screen = spec.LeakageScreen!;
        if (!(screen.WarningRocAuc > 0.5 && screen.WarningRocAuc <= screen.ErrorRocAuc && screen.ErrorRocAuc <= 1))
            Fail("leakageScreen", $"needs 0.5 < leakageScreen.warningRocAuc ≤ leakageScreen.errorRocAuc ≤ 1, got {screen.WarningRocAuc} and {screen.ErrorRocAuc}");
        if (!(screen.AgreementRocAuc > 0.5 && screen.AgreementRocAuc <= 1))
            Fail("leakageScreen", $"needs 0.5 < leakageScreen.agreementRocAuc ≤ 1 (1 turns that screen off), got {screen.AgreementRocAuc}");
    }

    private void CheckSource()
    {
        var source = spec.Source;
        if (source is null) return; // no source: the data is always given with --data
        if (source.Path is not null && source.Simulator is not null)
            Fail("source", "sets both \"path\" and \"simulator\" in \"source\"; give one of them (or leave \"source\" out and give the data with --data)");
        if (source.Simulator is { } simulator)
        {
            if (SimulatorCatalog.Find(simulator.Kind) is not { } known)
            {
                Fail("source.simulator.kind", $"names an unknown simulator '{simulator.Kind}'; the known ones are {SimulatorCatalog.KnownKinds}");
                return;
            }
            if (simulator.Rows < 1)
                Fail("source.simulator.rows", $"needs source.simulator.rows of at least 1, got {simulator.Rows}");
            try
            {
                DriftScenario.Parse(simulator.Scenario, known.Scenarios);
            }
            catch (DataException e)
            {
                Fail("source.simulator.scenario", $"has an invalid scenario: {e.Message}");
            }
        }
    }

    private void CheckColumns()
    {
        if (spec.Columns is null || spec.Columns.Count == 0)
            Fail("columns", "needs at least one column in \"columns\"");
        var seen = new HashSet<string>();
        for (var i = 0; i < spec.Columns!.Count; i++)
        {
            var c = spec.Columns[i];
            var at = $"columns[{i}]";
            if (string.IsNullOrWhiteSpace(c.Name))
                Fail(at + ".name", $"needs a name for {at}");
            if (!seen.Add(c.Name))
                Fail(at + ".name", $"declares the column '{c.Name}' twice");
            if (c.Type is not null && c.Role is not (ColumnRole.Id or ColumnRole.Excluded))
                Fail(at + ".type", $"sets \"type\" on '{c.Name}', whose role '{c.Role}' already implies its type; \"type\" is only for id and excluded columns");
            if (c.Role == ColumnRole.Excluded && string.IsNullOrWhiteSpace(c.Reason))
                Fail(at + ".reason", $"excludes '{c.Name}' without a \"reason\" (for example \"leakage\")");
            if ((c.Min is not null || c.Max is not null) && c.ValueType != ColumnValueType.Numeric)
                Fail(at, $"sets min/max on '{c.Name}', which is not numeric");
            if (c.Min is { } min && c.Max is { } max && min > max)
                Fail(at, $"sets min {min} above max {max} on '{c.Name}'");
            if (c.ValueType == ColumnValueType.Categorical && (c.Domain is null || c.Domain.Count == 0))
                Fail(at + ".domain", $"needs a \"domain\" (the allowed values, in one-hot order) for the categorical column '{c.Name}'");
            if (c.Domain is { } domain && domain.Distinct().Count() != domain.Count)
                Fail(at + ".domain", $"lists a value twice in the domain of '{c.Name}'");
        }
    }

    private void CheckLabel()
    {
        var labels = spec.Columns.Where(c => c.Role == ColumnRole.Label).ToList();
        if (labels.Count != 1)
            Fail("columns", $"needs exactly one column with role \"label\", found {labels.Count}");
        if (labels[0].Name != spec.Label)
            Fail("label", $"names the label '{spec.Label}', but the column with role \"label\" is '{labels[0].Name}'");
        CheckLabelMapping(labels[0]);
    }

    // Exactly one of positiveValue, positiveValues, negativeValues; each value once, in the domain, both classes possible.
    private void CheckLabelMapping(ColumnSpec label)
    {
        var given = new List<string>();
        if (spec.PositiveValue is not null) given.Add("positiveValue");
        if (spec.PositiveValues is not null) given.Add("positiveValues");
        if (spec.NegativeValues is not null) given.Add("negativeValues");
        if (given.Count == 0)
            Fail("positiveValue", "needs one of \"positiveValue\" (the label value of the positive class, e.g. \"1\" or \"TRUE\"), \"positiveValues\" (a list of them) or \"negativeValues\" (the values of the negative class, every other value being positive, e.g. [\"normal\"])");
        if (given.Count > 1)
            Fail(given[1], $"sets both \"{given[0]}\" and \"{given[1]}\"; give exactly one of positiveValue, positiveValues and negativeValues");
        var field = given[0];
        IReadOnlyList<string> values = spec.PositiveValue is { } one ? [one] : (spec.PositiveValues ?? spec.NegativeValues)!;
        if (values.Count == 0)
            Fail(field, $"has an empty \"{field}\" list; list at least one label value");
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrEmpty(values[i]))
                Fail(field, $"needs non-empty label values in \"{field}\"");
            if (values.Take(i).Any(v => LabelMapping.Matches(values[i], v)))
                Fail(field, $"lists the label value '{values[i]}' twice in \"{field}\"");
        }
        if (label.Domain is not { } domain) return;
        foreach (var value in values)
            if (!domain.Any(d => LabelMapping.Matches(value, d)))
                Fail(field, $"has {field} '{value}', which is not in the label's domain [{string.Join(", ", domain)}]");
        var mapping = LabelMapping.For(spec);
        var positives = domain.Count(d => mapping.IsPositive(d));
        if (positives == 0 || positives == domain.Count)
            Fail(field, $"maps every value of the label's domain [{string.Join(", ", domain)}] to the {(positives == 0 ? "negative" : "positive")} class; a classifier needs both classes");
    }

    private void CheckDerivedFeatures()
    {
        var names = new HashSet<string>(spec.Columns.Select(c => c.Name));
        for (var j = 0; j < spec.DerivedFeatures.Count; j++)
        {
            var d = spec.DerivedFeatures[j];
            if (string.IsNullOrWhiteSpace(d.Name) || !names.Add(d.Name))
                Fail($"derivedFeatures[{j}].name", $"needs a unique derived feature name not used by a column, got '{d.Name}'");
            if (string.IsNullOrWhiteSpace(d.Expression))
                Fail($"derivedFeatures[{j}].expression", $"needs an expression for derived feature '{d.Name}'");
        }
        try
        {
            DerivedFeatureBinding.ParseAndBind(spec);
        }
        catch (ExpressionException e)
        {
            Fail("derivedFeatures", $"has a derived feature that cannot be computed: {e.Message.TrimEnd('.')}");
        }
    }

    private void CheckLabelRules()
    {
        for (var i = 0; i < spec.LabelRules.Count; i++)
        {
            var rule = spec.LabelRules[i];
            if (rule.Columns is null || rule.Columns.Count == 0)
                Fail($"labelRules[{i}].columns", $"needs columns for the label rule '{rule.Name}'");
            foreach (var name in rule.Columns!)
                if (spec.FindColumn(name) is not { ValueType: ColumnValueType.Boolean })
                    Fail($"labelRules[{i}].columns", $"names '{name}' in the label rule '{rule.Name}', which is not a boolean column of the spec");
        }
    }

    private void Fail(string property, string what) =>
        throw new DataException($"The dataset spec '{path}' {what} (at {property}).", path, column: property);
}
