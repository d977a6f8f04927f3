#:project ../src/Pipeline.Data/Pipeline.Data.csproj
#:property PublishAot=false
// The leakage screens' figures for every numeric and boolean feature of the given datasets, with nothing
// acknowledged and every column screened: the calibration evidence of the agreement screen's level (README, "A new
// dataset"). Arguments: pairs of <spec.json|label:<column>> <csv>; a spec's excluded numeric columns are screened as
// features too ("difficulty"), a label: argument proposes the spec as NewDataset does and screens what it excluded.
using System.Diagnostics;
using System.Globalization;
using Pipeline.Data.Loading;
using Pipeline.Data.Proposing;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;

var c = CultureInfo.InvariantCulture;
Console.WriteLine($"{"dataset",-22} {"column",-24} {"alone",6} {"right|pos",9} {"right|neg",9} {"agree",6} {"model-",7} {"model",6} {"err-red",7} flagged");
var failed = false;
for (var a = 0; a + 1 < args.Length; a += 2)
{
    var (what, csv) = (args[a], args[a + 1]);
    var off = what.StartsWith("off:", StringComparison.Ordinal); // the same validation without the agreement screen, for its cost
    if (off) what = what["off:".Length..];
    DatasetSpec spec;
    if (what.StartsWith("label:", StringComparison.Ordinal))
        spec = SpecProposer.Propose(csv, what["label:".Length..], Path.GetFileNameWithoutExtension(csv)).Spec;
    else
        spec = DatasetSpec.Load(what);
    // Every numeric column that is neither id nor label becomes a feature; nothing is acknowledged.
    spec = spec with
    {
        Columns = spec.Columns.Select(col => col.Role == ColumnRole.Excluded && col.ValueType is ColumnValueType.Numeric or ColumnValueType.Boolean
            ? col with { Role = col.ValueType == ColumnValueType.Numeric ? ColumnRole.Numeric : ColumnRole.Boolean, Type = null, Reason = null }
            : col).ToList(),
        AcknowledgedLeakage = new Dictionary<string, string>(),
        LeakageScreen = off ? spec.LeakageScreen with { AgreementRocAuc = 1 } : spec.LeakageScreen,
    };
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var report = DataValidator.Validate(spec, DataSource.FromBytes(File.ReadAllBytes(csv), Path.GetFullPath(csv)), null);
    var seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    var screened = report.Leakage.Where(l => l.ModelAgreement is not null).ToList();
    if (off)
    {
        Console.WriteLine(string.Create(c, $"{spec.Name,-22} validation CPU {seconds:0.0} s for {report.Rows:N0} rows without the agreement screen"));
        continue;
    }
    if (screened.Count == 0) { Console.Error.WriteLine($"error: nothing screened in {csv}"); failed = true; continue; }
    foreach (var l in screened)
    {
        var m = l.ModelAgreement!;
        Console.WriteLine(string.Create(c, $"{spec.Name,-22} {l.Column,-24} {l.SingleColumnRocAuc,6:0.000} {m.CorrectAmongPositivesRocAuc,9:0.000} {m.CorrectAmongNegativesRocAuc,9:0.000} {m.RocAuc,6:0.000} {m.ModelRocAucWithout,7:0.000} {m.ModelRocAucWith,6:0.000} {m.ErrorReduction,7:0.00} {(m.Flags(spec.LeakageScreen.AgreementRocAuc) ? "FLAGGED" : "")}"));
    }
    Console.WriteLine(string.Create(c, $"{spec.Name,-22} validation CPU {seconds:0.0} s for {report.Rows:N0} rows ({screened.Count} columns screened on {screened[0].ModelAgreement!.Rows:N0} sampled rows)"));
}
return failed ? 1 : 0;
