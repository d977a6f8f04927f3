// Usage: Pipeline.Modeling.RegistryWriter <registry> <model-file> [--start-after <file>] [--hang-at <step>] [--stage <stage>]
//        [--count <n>] [--promote] [--dataset <name>] [--root <folder>]
// <registry> is a registry folder, or an oci:// / oci+http:// address (the dataset's repository is <address>/<dataset>,
// the cache under <root>/models/registry-cache). Prints "step <name>" as each registration step completes and
// "registered <version>" at the end.
// --stage registers idempotently (one version per model) with that stage, and prints "registered <version> <outcome>".
// --start-after waits until the file exists (so writers start together); --hang-at blocks forever after a step (so a
// test can kill the process at that point).
// With an OCI registry, --count or --promote: prints "ready" once the registry is open (so a test can time a kill
// from there), registers <n> different models (the file's bytes plus a suffix naming the process and the index), each
// printing "registered <version>", and with --promote gives each the production stage ("promoted <version>").
// Also: Pipeline.Modeling.RegistryWriter <registry-dir> --promote <version> | --rollback: prints "ready", then changes
// the stages and prints "production <version>" (bench/faults.sh kills it at random points).
using Pipeline.Modeling;
using Pipeline.Modeling.Registry;
using Pipeline.Oci;

var registryValue = args[0];
if (args[1] is "--promote" or "--rollback")
{
    try
    {
        var registry = new ModelRegistry(registryValue);
        Console.WriteLine("ready");
        Console.Out.Flush();
        var production = args[1] == "--promote" ? registry.Promote(int.Parse(args[2]), ModelStage.Production).Production : registry.Rollback();
        Console.WriteLine($"production {production}");
        return 0;
    }
    catch (ModelingException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
}
var modelFile = args[1];
string? startAfter = null, hangAt = null, stage = null, dataset = "test", root = Directory.GetCurrentDirectory();
var count = 1;
var promote = false;
for (var i = 2; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--start-after": startAfter = args[++i]; break;
        case "--hang-at": hangAt = args[++i]; break;
        case "--stage": stage = args[++i]; break;
        case "--count": count = int.Parse(args[++i]); break;
        case "--dataset": dataset = args[++i]; break;
        case "--root": root = args[++i]; break;
        case "--promote": promote = true; break;
    }
}

if (startAfter is not null)
    while (!File.Exists(startAfter)) Thread.Sleep(2);

void OnStep(RegistrationStep step)
{
    Console.WriteLine($"step {step}");
    Console.Out.Flush();
    if (step.ToString() == hangAt) Thread.Sleep(Timeout.Infinite);
}

try
{
    if (!OciRepositoryAddress.IsOciAddress(registryValue) && count == 1 && !promote)
    {
        var registration = new ModelRegistration(modelFile, new ModelMetadata { Lineage = new() { Dataset = dataset, Trainer = "LightGbm" } },
            new Dictionary<string, string> { ["note.txt"] = $"written by process {Environment.ProcessId}" });
        if (stage is null)
            Console.WriteLine($"registered {new ModelRegistry(registryValue).Register(registration, OnStep).Version}");
        else
        {
            var result = new ModelRegistry(registryValue).Register(
                new RegistrationRequest(registration) { ChooseStage = _ => new StageDecision(Enum.Parse<ModelStage>(stage, ignoreCase: true), "writer") }, OnStep);
            Console.WriteLine($"registered {result.Version} {result.Outcome}");
        }
        return 0;
    }

    using var registry = OciRepositoryAddress.IsOciAddress(registryValue)
        ? ModelRegistries.Open(registryValue, dataset, root, credentials: null)
        : new ModelRegistry(registryValue);
    Console.WriteLine("ready");
    Console.Out.Flush();
    for (var n = 1; n <= count; n++)
    {
        var model = Path.Combine(Path.GetTempPath(), $"registry-writer-{Environment.ProcessId}-{n}.zip");
        File.WriteAllBytes(model, [.. File.ReadAllBytes(modelFile), .. System.Text.Encoding.UTF8.GetBytes($"\n{Environment.ProcessId}-{n}-{Guid.NewGuid():N}")]);
        try
        {
            var result = registry.Register(new RegistrationRequest(new ModelRegistration(model,
                new ModelMetadata { Lineage = new() { Dataset = dataset, Trainer = "LightGbm", DataHash = "data", ConfigHash = "config" } },
                new Dictionary<string, string> { ["note.txt"] = $"written by process {Environment.ProcessId}" })), OnStep);
            Console.WriteLine($"registered {result.Version}");
            Console.Out.Flush();
            if (promote)
            {
                registry.Promote(result.Version, ModelStage.Production, "writer process", observed: null);
                Console.WriteLine($"promoted {result.Version}");
                Console.Out.Flush();
            }
        }
        finally
        {
            File.Delete(model);
        }
    }
    return 0;
}
catch (ModelingException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
