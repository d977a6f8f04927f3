using Pipeline.Data;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;
using Pipeline.Data.Tests;

namespace FaultSuite;

/// <summary>What the malformed CSV corpus found.</summary>
sealed record CsvResult(int Tried, int Unhandled, int Accepted, string Details);

/// <summary>
/// The malformed-CSV corpus (tests/Pipeline.Data.Tests/MalformedCsvCorpus.cs) through what ValidateData runs: the
/// streaming validator and its report. Each file must be refused with a <see cref="DataException"/>; anything else
/// thrown is unhandled, and a file that validates is accepted.
/// </summary>
static class MalformedCsvRounds
{
    public static CsvResult Run(SuiteOptions options, string work)
    {
        var spec = DatasetSpec.Load(Path.Combine(options.Root, "data", "ai4i2020.json"));
        int tried = 0, unhandled = 0, accepted = 0;
        var problems = new List<string>();
        foreach (var malformed in MalformedCsvCorpus.Cases())
        {
            tried++;
            var file = Path.Combine(work, malformed.Name + ".csv");
            File.WriteAllBytes(file, malformed.Content);
            try
            {
                using var source = DataSource.Open(spec, work, file);
                DataValidator.Validate(spec, source, schema: null).ThrowIfFailed("report.md");
                accepted++;
                problems.Add($"{malformed.Name}: accepted");
            }
            catch (DataException)
            {
                // Refused as it should be.
            }
            catch (Exception e)
            {
                unhandled++;
                problems.Add($"{malformed.Name}: {e.GetType().Name}: {e.Message[..Math.Min(200, e.Message.Length)]}");
            }
        }
        return new CsvResult(tried, unhandled, accepted, problems.Count == 0 ? "" : "\n  " + string.Join("\n  ", problems));
    }
}
