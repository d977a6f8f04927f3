using System.Text.Json;

namespace Pipeline.Modeling.Configuration;

/// <summary>
/// Reads and validates a training configuration file. Every mistake (unknown trainer, unknown or out-of-range
/// hyperparameter, unknown setting) is reported as one sentence naming the file, the setting and what is allowed.
/// </summary>
public static class TrainingConfigurationLoader
{
    static readonly string[] TopLevelSettings = ["seed", "trainer", "parameters", "search", "causes", "crossValidationFolds", "gate", "promotion", "retrain"];
    static readonly string[] CauseSettingNames = ["column", "features", "trainer", "parameters"];
    static readonly string[] GateSettingNames = ["tolerances", "floors", "onMissingSnapshot"];

    /// <summary>
    /// Loads <paramref name="path"/>; when the file does not exist, returns the built-in defaults
    /// (<see cref="TrainingConfiguration.BuiltInDefaults"/>: the automatic search, 5 folds, seed 42).
    /// </summary>
    public static TrainingConfiguration LoadOrDefault(string path) =>
        File.Exists(path) ? Load(path) : TrainingConfiguration.BuiltInDefaults;

    /// <summary>Loads and validates <paramref name="path"/>.</summary>
    /// <exception cref="ModelingException">The file is not valid JSON or a setting is invalid.</exception>
    public static TrainingConfiguration Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelingException($"Training configuration {path} cannot be read: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses and validates configuration JSON; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="ModelingException">The JSON is malformed or a setting is invalid.</exception>
    public static TrainingConfiguration Parse(string json, string source)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e)
        {
            throw new ModelingException($"Training configuration {source} is not valid JSON {Pipeline.Data.JsonProblem.Describe(e)}; see models/README.md for its keys.", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Error(source, "(root)", "must be a JSON object");
            RejectUnknown(root, TopLevelSettings, source, "");

            var trainer = TrainerKind.LightGbm;
            if (root.TryGetProperty("trainer", out var trainerElement))
            {
                var name = trainerElement.ValueKind == JsonValueKind.String ? trainerElement.GetString() : trainerElement.ToString();
                if (!TryParseName(name, out trainer))
                    throw Error(source, "trainer", $"is '{name}', which is not a known trainer; allowed values: {TrainerCatalog.AllowedTrainerNames}");
            }

            var parameters = TrainerCatalog.DefaultsOf(trainer);
            if (root.TryGetProperty("parameters", out var parametersElement))
                ApplyOverrides(parameters, parametersElement, trainer, source, "parameters");

            var candidates = new List<IReadOnlyDictionary<string, double>>();
            var automatic = false;
            if (root.TryGetProperty("search", out var searchElement) && searchElement.ValueKind == JsonValueKind.String)
            {
                if (searchElement.GetString() != "auto")
                    throw Error(source, "search", $"is {searchElement.GetRawText()}; allowed: \"auto\" (the built-in candidates) or an array of parameter overrides, e.g. [{{\"numberOfLeaves\": 16}}]");
                // The automatic search picks the trainer and its parameters; a trainer or parameters beside it would be ignored.
                foreach (var ignored in new[] { "trainer", "parameters" })
                    if (root.TryGetProperty(ignored, out _))
                        throw Error(source, ignored, "cannot be combined with \"search\": \"auto\", which chooses the trainer and its parameters itself; remove it, or give \"search\" as an array of parameter overrides");
                automatic = true;
            }
            else if (root.TryGetProperty("search", out searchElement))
            {
                if (searchElement.ValueKind != JsonValueKind.Array)
                    throw Error(source, "search", "must be \"auto\" or an array of parameter overrides, e.g. [{\"numberOfLeaves\": 16}]");
                var index = 0;
                foreach (var candidate in searchElement.EnumerateArray())
                {
                    var full = new SortedDictionary<string, double>(parameters, StringComparer.Ordinal);
                    ApplyOverrides(full, candidate, trainer, source, $"search[{index++}]");
                    candidates.Add(full);
                }
            }

            var causes = root.TryGetProperty("causes", out var causesElement) ? ParseCauses(causesElement, trainer, parameters, source) : [];

            var seed = ReadInteger(root, "seed", 42, int.MinValue, source);
            var folds = ReadInteger(root, "crossValidationFolds", 5, 2, source);
            var gate = root.TryGetProperty("gate", out var gateElement) ? ParseGate(gateElement, source) : GateSettings.Default;
            var promotion = root.TryGetProperty("promotion", out var promotionElement) ? PromotionSettings.Parse(promotionElement, source) : PromotionSettings.Default;
            var retrain = root.TryGetProperty("retrain", out var retrainElement) ? RetrainPolicy.Parse(retrainElement, source) : RetrainPolicy.Default;

            return new TrainingConfiguration
            {
                Seed = seed,
                Trainer = trainer,
                Parameters = parameters,
                SearchCandidates = candidates,
                SearchIsAutomatic = automatic,
                Causes = causes,
                CrossValidationFolds = folds,
                Gate = gate,
                Promotion = promotion,
                Retrain = retrain,
                Source = source,
            };
        }
    }

    static void ApplyOverrides(SortedDictionary<string, double> target, JsonElement element, TrainerKind trainer, string source, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Error(source, path, "must be an object of hyperparameter names to numbers");
        var known = TrainerCatalog.ParametersOf(trainer);
        foreach (var property in element.EnumerateObject())
        {
            var parameter = known.FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase))
                ?? throw Error(source, $"{path}.{property.Name}",
                    $"is not a hyperparameter of {trainer}; allowed: {string.Join(", ", known.Select(p => p.Name))}");
            if (property.Value.ValueKind != JsonValueKind.Number)
                throw Error(source, $"{path}.{parameter.Name}", $"is {property.Value.GetRawText()}, but must be a number");
            var value = property.Value.GetDouble();
            if (parameter.Check(value) is { } problem)
                throw Error(source, $"{path}.{parameter.Name}", $"is {TrainerParameter.Format(value)}, but it {problem}");
            target[parameter.Name] = value;
        }
    }

    // A cause model inherits the top-level trainer and parameters; naming another trainer starts from that trainer's defaults.
    static List<CauseModelSettings> ParseCauses(JsonElement element, TrainerKind trainer, IReadOnlyDictionary<string, double> parameters, string source)
    {
        if (element.ValueKind != JsonValueKind.Array)
            throw Error(source, "causes", "must be an array of cause models, e.g. [{\"column\": \"TWF\"}]");
        var causes = new List<CauseModelSettings>();
        var index = 0;
        foreach (var cause in element.EnumerateArray())
        {
            var path = $"causes[{index++}]";
            if (cause.ValueKind != JsonValueKind.Object) throw Error(source, path, "must be an object with a \"column\"");
            RejectUnknown(cause, CauseSettingNames, source, path + ".");
            if (!cause.TryGetProperty("column", out var columnElement) || columnElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(columnElement.GetString()))
                throw Error(source, path + ".column", "must name the dataset column that marks this cause (a non-empty string)");
            var column = columnElement.GetString()!;
            if (causes.Any(c => c.Column == column))
                throw Error(source, path + ".column", $"is '{column}', which an earlier cause model already uses");

            var features = new List<string>();
            if (cause.TryGetProperty("features", out var featuresElement))
            {
                if (featuresElement.ValueKind != JsonValueKind.Array || featuresElement.GetArrayLength() == 0
                    || featuresElement.EnumerateArray().Any(f => f.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(f.GetString())))
                    throw Error(source, path + ".features", "must be a non-empty array of feature names (leave it out to use every feature)");
                features.AddRange(featuresElement.EnumerateArray().Select(f => f.GetString()!));
                if (features.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
                    throw Error(source, path + ".features", $"names '{repeated.Key}' more than once; name each feature once");
            }

            var causeTrainer = trainer;
            if (cause.TryGetProperty("trainer", out var trainerElement))
            {
                var name = trainerElement.ValueKind == JsonValueKind.String ? trainerElement.GetString() : trainerElement.ToString();
                if (!TryParseName(name, out causeTrainer))
                    throw Error(source, path + ".trainer", $"is '{name}', which is not a known trainer; allowed values: {TrainerCatalog.AllowedTrainerNames}");
            }
            var causeParameters = causeTrainer == trainer
                ? new SortedDictionary<string, double>(parameters.ToDictionary(), StringComparer.Ordinal)
                : TrainerCatalog.DefaultsOf(causeTrainer);
            if (cause.TryGetProperty("parameters", out var parametersElement))
                ApplyOverrides(causeParameters, parametersElement, causeTrainer, source, path + ".parameters");
            causes.Add(new CauseModelSettings(column, features, causeTrainer, causeParameters));
        }
        return causes;
    }

    static GateSettings ParseGate(JsonElement gate, string source)
    {
        if (gate.ValueKind != JsonValueKind.Object) throw Error(source, "gate", "must be an object");
        RejectUnknown(gate, GateSettingNames, source, "gate.");
        var tolerances = ReadMetricMap(gate, "tolerances", source, mustBeNonNegative: true);
        var floors = ReadMetricMap(gate, "floors", source, mustBeNonNegative: false);
        var policy = MissingSnapshotPolicy.Fail;
        if (gate.TryGetProperty("onMissingSnapshot", out var policyElement)
            && (policyElement.ValueKind != JsonValueKind.String || !TryParseName(policyElement.GetString(), out policy)))
            throw Error(source, "gate.onMissingSnapshot", $"is {policyElement.GetRawText()}; allowed values: \"fail\", \"warn\"");
        return new GateSettings(tolerances, floors, policy);
    }

    static Dictionary<string, double> ReadMetricMap(JsonElement gate, string name, string source, bool mustBeNonNegative)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!gate.TryGetProperty(name, out var element)) return map;
        if (element.ValueKind != JsonValueKind.Object) throw Error(source, $"gate.{name}", "must be an object of metric names to numbers");
        foreach (var property in element.EnumerateObject())
        {
            if (!MetricNames.All.Contains(property.Name))
                throw Error(source, $"gate.{name}.{property.Name}", $"is not a metric; allowed: {string.Join(", ", MetricNames.All)}");
            if (property.Value.ValueKind != JsonValueKind.Number || (mustBeNonNegative && property.Value.GetDouble() < 0))
                throw Error(source, $"gate.{name}.{property.Name}", $"is {property.Value.GetRawText()}, but must be a {(mustBeNonNegative ? "non-negative " : "")}number");
            map[property.Name] = property.Value.GetDouble();
        }
        return map;
    }

    static int ReadInteger(JsonElement root, string name, int fallback, int minimum, string source)
    {
        if (!root.TryGetProperty(name, out var element)) return fallback;
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value) || value < minimum)
            throw Error(source, name, $"is {element.GetRawText()}, but must be a whole number{(minimum > int.MinValue ? $" of at least {minimum}" : "")}");
        return value;
    }

    // Enum.TryParse also takes numbers ("1") and values outside the enum; configuration takes only the names.
    static bool TryParseName<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    static void RejectUnknown(JsonElement element, string[] allowed, string source, string prefix)
    {
        foreach (var property in element.EnumerateObject())
            if (!allowed.Contains(property.Name))
                throw Error(source, prefix + property.Name, $"is not a known setting; allowed: {string.Join(", ", allowed)}");
    }

    static ModelingException Error(string source, string setting, string problem) =>
        new($"Training configuration {source}: setting '{setting}' {problem}.");
}
