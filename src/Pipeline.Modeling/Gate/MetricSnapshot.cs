using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Gate;

/// <summary>
/// The gated metrics of one evaluation, tied to the dataset spec and the data content hash they were measured on:
/// the content of <c>metrics.received.json</c> and <c>metrics.verified.json</c>. Values are rounded to 4 decimals
/// so that a pull request's diff shows meaningful changes only.
/// </summary>
public sealed record MetricSnapshot(string Dataset, string DataHash, string Trainer, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>Creates a snapshot with metrics rounded for storage.</summary>
    public static MetricSnapshot Of(string dataset, string dataHash, string trainer, IReadOnlyDictionary<string, double> metrics) =>
        new(dataset, dataHash, trainer, MetricNames.All.Where(metrics.ContainsKey).ToDictionary(n => n, n => Math.Round(metrics[n], 4)));

    /// <summary>The snapshot as indented JSON, metrics in report order.</summary>
    public string ToJson()
    {
        var metrics = new JsonObject();
        foreach (var name in MetricNames.All.Where(Metrics.ContainsKey)) metrics[name] = Metrics[name];
        return new JsonObject { ["dataset"] = Dataset, ["dataHash"] = DataHash, ["trainer"] = Trainer, ["metrics"] = metrics }
            .ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Reads a snapshot file.</summary>
    /// <exception cref="ModelingException">The file is not a valid snapshot.</exception>
    public static MetricSnapshot Read(string path)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))?.AsObject()
                ?? throw new ModelingException($"Metric snapshot {path} is empty.");
            var metrics = root["metrics"]?.AsObject()
                ?? throw new ModelingException($"Metric snapshot {path} has no 'metrics' object.");
            return new MetricSnapshot(
                (string?)root["dataset"] ?? "", (string?)root["dataHash"] ?? "", (string?)root["trainer"] ?? "",
                metrics.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.GetValue<double>()));
        }
        catch (JsonException e)
        {
            throw new ModelingException($"Metric snapshot {path} is not valid JSON {Pipeline.Data.JsonProblem.Describe(e)}; restore it from git (or accept a new one with ./build.sh AcceptMetrics).", e);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new ModelingException($"Metric snapshot {path} is not valid: expected an object whose 'metrics' maps metric names to numbers and whose dataset, dataHash and trainer are strings ({e.Message.TrimEnd('.')}); restore it from git.", e);
        }
    }
}
