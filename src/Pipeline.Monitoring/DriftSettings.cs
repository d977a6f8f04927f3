using Pipeline.Data;
using System.Text.Json;

namespace Pipeline.Monitoring;

/// <summary>
/// The drift check's thresholds, from <c>models/&lt;dataset&gt;/drift.json</c> (JSON; <c>//</c> comments allowed).
/// Every key is optional. Without hand-set thresholds, each feature's PSI threshold comes from the reference at the
/// current sample size, so that an undrifted batch is reported as drifted with probability <c>falseAlarmRate</c>:
/// <code>
/// {
///   "falseAlarmRate": 0.01,          // P(undrifted batch reported as drifted); features tested at its Šidák share
///   "resamples": 2000,               // reference batches resampled per feature and sample size
///   "psiThreshold": 0.2,             // hand-set: a feature drifted when its PSI is at least this (all features)
///   "bins": 10,                      // reference-quantile bins of numeric features
///   "minimumRows": 100,              // fewer rows in either sample → an error, not a verdict
///   "minimumDriftedFeatures": 1,     // drift detected when at least this many features drifted
///   "featureThresholds": { "Tool wear [min]": 0.3 }   // per-feature PSI thresholds
/// }
/// </code>
/// </summary>
public sealed record DriftSettings
{
    /// <summary>
    /// A hand-set PSI at or above which every feature (without its own threshold) counts as drifted; null (the
    /// default) sets each threshold from the reference for <see cref="FalseAlarmRate"/>.
    /// </summary>
    public double? PsiThreshold { get; init; }

    /// <summary>
    /// The probability that a batch without drift is reported as drifted (default 0.01). Each of the m features is
    /// tested at the Šidák level 1 − (1 − rate)^(1/m), so the verdict over all of them keeps this rate; the model
    /// score and the labels, which do not decide the verdict, are tested at the rate itself.
    /// </summary>
    public double FalseAlarmRate { get; init; } = 0.01;

    /// <summary>How many reference batches are resampled per feature and sample size (default 2000).</summary>
    public int Resamples { get; init; } = 2000;

    /// <summary>The seed of the resampling, so a check is reproducible.</summary>
    public ulong Seed { get; init; } = 20201;

    /// <summary>How many reference-quantile bins numeric features are cut into (default 10).</summary>
    public int Bins { get; init; } = 10;

    /// <summary>The fewest rows either sample may have (default 100); PSI of a handful of rows is noise.</summary>
    public int MinimumRows { get; init; } = 100;

    /// <summary>How many features must drift for the check to report drift (default 1).</summary>
    public int MinimumDriftedFeatures { get; init; } = 1;

    /// <summary>Per-feature PSI thresholds that replace <see cref="PsiThreshold"/> for those columns.</summary>
    public IReadOnlyDictionary<string, double> FeatureThresholds { get; init; } = new Dictionary<string, double>();

    /// <summary>The file (or other source) the settings came from, for error messages; null for the defaults.</summary>
    public string? Source { get; init; }

    /// <summary>The hand-set PSI threshold of <paramref name="column"/>, or null when it comes from the reference.</summary>
    public double? ThresholdFor(string column) =>
        FeatureThresholds.TryGetValue(column, out var threshold) ? threshold : PsiThreshold;

    /// <summary>The false-alarm rate each of <paramref name="features"/> features is tested at (Šidák).</summary>
    public double FeatureLevel(int features) => 1 - Math.Pow(1 - FalseAlarmRate, 1.0 / Math.Max(1, features));

    /// <summary>Reads <paramref name="path"/>, or returns the defaults when it does not exist.</summary>
    /// <exception cref="DataException">The file cannot be read, is not valid JSON, or has an unknown key or a bad value.</exception>
    public static DriftSettings LoadOrDefault(string path)
    {
        if (!File.Exists(path)) return new DriftSettings();
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"Cannot read the drift settings {path}: {e.Message}", path, innerException: e);
        }
        return Parse(json, path);
    }

    /// <summary>Parses settings JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="DataException">Not valid JSON, not an object, an unknown key, or a bad value.</exception>
    public static DriftSettings Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new DataException($"The drift settings {source} are not valid JSON {JsonProblem.Describe(e)}.", source, e.LineNumber + 1, innerException: e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new DataException($"The drift settings {source} are a JSON {Kind(root)}; expected an object such as {{ \"psiThreshold\": 0.2 }}.", source);
            var settings = new DriftSettings { Source = source };
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                // JSON allows a repeated key and the parser keeps the last one; an edit that added a second copy would
                // then silently override the first, so a repeat is an error.
                if (!seen.Add(property.Name)) throw Repeated(source, property.Name);
                var value = property.Value;
                settings = property.Name switch
                {
                    "psiThreshold" => settings with { PsiThreshold = PositiveNumber(value, source, "psiThreshold") },
                    "falseAlarmRate" => settings with { FalseAlarmRate = Rate(value, source) },
                    "resamples" => settings with { Resamples = WholeNumber(value, source, "resamples", 100, 1_000_000) },
                    "bins" => settings with { Bins = WholeNumber(value, source, "bins", 2, 1000) },
                    "minimumRows" => settings with { MinimumRows = WholeNumber(value, source, "minimumRows", 1, int.MaxValue) },
                    "minimumDriftedFeatures" => settings with { MinimumDriftedFeatures = WholeNumber(value, source, "minimumDriftedFeatures", 1, int.MaxValue) },
                    "featureThresholds" => settings with { FeatureThresholds = Thresholds(value, source) },
                    _ => throw new DataException(
                        $"The drift settings {source} have an unknown setting '{property.Name}'; known settings are falseAlarmRate, resamples, psiThreshold, bins, minimumRows, minimumDriftedFeatures and featureThresholds.",
                        source, column: property.Name),
                };
            }
            return settings;
        }
    }

    private static Dictionary<string, double> Thresholds(JsonElement value, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new DataException($"The drift settings {source} have featureThresholds = {Show(value)}; expected an object of column name to PSI threshold, such as {{ \"Torque [Nm]\": 0.3 }}.", source, column: "featureThresholds");
        var thresholds = new Dictionary<string, double>();
        foreach (var entry in value.EnumerateObject())
        {
            if (thresholds.ContainsKey(entry.Name)) throw Repeated(source, $"featureThresholds.{entry.Name}");
            thresholds[entry.Name] = PositiveNumber(entry.Value, source, $"featureThresholds.{entry.Name}");
        }
        return thresholds;
    }

    private static double Rate(JsonElement value, string source)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number is > 0 and < 0.5)
            return number;
        throw new DataException($"The drift settings {source} have falseAlarmRate = {Show(value)}; expected a probability above 0 and below 0.5, such as 0.01 (one undrifted batch in a hundred reported as drifted).", source, column: "falseAlarmRate");
    }

    private static double PositiveNumber(JsonElement value, string source, string setting)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) && number > 0)
            return number;
        throw new DataException($"The drift settings {source} have {setting} = {Show(value)}; expected a positive number (PSI thresholds are usually 0.1 to 0.25).", source, column: setting);
    }

    private static int WholeNumber(JsonElement value, string source, string setting, int minimum, int maximum)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= minimum && number <= maximum)
            return number;
        var range = maximum == int.MaxValue ? $"at least {minimum}" : $"from {minimum} to {maximum}";
        throw new DataException($"The drift settings {source} have {setting} = {Show(value)}; expected a whole number {range}.", source, column: setting);
    }

    private static DataException Repeated(string source, string setting) =>
        new($"The drift settings {source} give '{setting}' twice; keep one (JSON would silently use the last).", source, column: setting);

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 40 ? text[..40] + "…" : text;
    }

    /// <inheritdoc />
    public bool Equals(DriftSettings? other) =>
        other is not null && PsiThreshold.Equals(other.PsiThreshold) && FalseAlarmRate.Equals(other.FalseAlarmRate)
        && Resamples == other.Resamples && Seed == other.Seed && Bins == other.Bins && MinimumRows == other.MinimumRows
        && MinimumDriftedFeatures == other.MinimumDriftedFeatures && Source == other.Source
        && FeatureThresholds.Count == other.FeatureThresholds.Count
        && FeatureThresholds.All(t => other.FeatureThresholds.TryGetValue(t.Key, out var v) && v.Equals(t.Value));

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(PsiThreshold, FalseAlarmRate, Resamples, Bins, MinimumRows, MinimumDriftedFeatures, Source, FeatureThresholds.Count);
}
