// Usage: RegistryBench <registry value> <model file> <work folder> [versions]
// Times, on one backend (a folder path or an oci+http:// address): Register of <versions> different models (the
// model file's bytes plus a suffix), Promote of each to production, Models (the listing RegistryListing.Of builds)
// from a fresh handle, and pull of the last version into a fresh local folder (LocalVersionDirectory: for the OCI
// backend a download verified by digest into an empty cache; for the folder backend the folder itself) and Verify of
// it (OCI: every layer downloaded again and checked; folder: every file hashed against its manifest).
// Prints one line per operation: "<operation> <count> <median ms> <total ms>". Exit code 1 when an operation fails.
using System.Diagnostics;
using Pipeline.Modeling;
using Pipeline.Modeling.Registry;

var value = args[0];
var modelFile = args[1];
var work = args[2];
var versions = args.Length > 3 ? int.Parse(args[3]) : 10;

void Report(string operation, IReadOnlyList<double> milliseconds)
{
    var sorted = milliseconds.Order().ToList();
    Console.WriteLine($"{operation} {sorted.Count} {sorted[sorted.Count / 2]:F1} {sorted.Sum():F1}");
}

double Time(Action action)
{
    var clock = Stopwatch.StartNew();
    action();
    return clock.Elapsed.TotalMilliseconds;
}

try
{
    var bytes = File.ReadAllBytes(modelFile);
    using var registry = ModelRegistries.Open(value, "bench", Path.Combine(work, "writer"), credentials: null);
    var registered = new List<int>();
    var registerTimes = new List<double>();
    for (var i = 0; i < versions; i++)
    {
        var model = Path.Combine(work, $"model-{i}.zip");
        File.WriteAllBytes(model, [.. bytes, .. System.Text.Encoding.UTF8.GetBytes($"\nbench {i} {Guid.NewGuid():N}")]);
        var request = new RegistrationRequest(new ModelRegistration(model,
            new ModelMetadata { Lineage = new() { Dataset = "bench", Trainer = "LightGbm", DataHash = new string('a', 64), ConfigHash = "bench" } },
            new Dictionary<string, string> { ["spec.json"] = "{}", ["input-example.json"] = "{}" }));
        registerTimes.Add(Time(() => registered.Add(registry.Register(request).Version)));
    }
    Report("register", registerTimes);
    Report("promote", registered.Select(v => Time(() => registry.Promote(v, ModelStage.Production, "bench", observed: null))).ToList());

    // Another machine: a fresh handle (and, for OCI, an empty cache of versions and events).
    using var reader = ModelRegistries.Open(value, "bench", Path.Combine(work, "reader"), credentials: null);
    IReadOnlyList<VersionListing> rows = [];
    var listCold = Time(() => rows = RegistryListing.Of(reader));
    var listWarm = Time(() => rows = RegistryListing.Of(reader));
    if (rows.Count != versions) throw new ModelingException($"The listing has {rows.Count} versions, not {versions}.");
    Report("models-cold", [listCold]);
    Report("models-warm", [listWarm]);
    string folder = "";
    Report("pull", [Time(() => folder = reader.LocalVersionDirectory(registered[^1]))]);
    Report("verify", [Time(() => reader.Verify(registered[^1]))]);
    if (!File.Exists(Path.Combine(folder, "model.zip"))) throw new ModelingException($"The pulled version folder {folder} has no model.zip.");
    return 0;
}
catch (ModelingException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
