// Usage: Pipeline.Modeling.RegistryWriter <registry-dir> <model-file> [--start-after <file>] [--hang-at <step>] [--stage <stage>]
// Prints "step <name>" as each registration step completes and "registered <version>" at the end.
// --stage registers idempotently (one version per model) with that stage, and prints "registered <version> <outcome>".
// --start-after waits until the file exists (so two writers start together); --hang-at blocks forever after a step
// (so a test can kill the process at that point).
// Also: Pipeline.Modeling.RegistryWriter <registry-dir> --promote <version> | --rollback: prints "ready", then changes
// the stages and prints "production <version>" (bench/faults.sh kills it at random points).
using Pipeline.Modeling;
using Pipeline.Modeling.Registry;

var registryDirectory = args[0];
if (args[1] is "--promote" or "--rollback")
{
    try
    {
        var registry = new ModelRegistry(registryDirectory);
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
string? startAfter = null, hangAt = null, stage = null;
for (var i = 2; i + 1 < args.Length; i += 2)
{
    if (args[i] == "--start-after") startAfter = args[i + 1];
    else if (args[i] == "--hang-at") hangAt = args[i + 1];
    else if (args[i] == "--stage") stage = args[i + 1];
}

if (startAfter is not null)
    while (!File.Exists(startAfter)) Thread.Sleep(2);

try
{
    var registration = new ModelRegistration(modelFile, new ModelMetadata { Lineage = new() { Dataset = "test", Trainer = "LightGbm" } },
        new Dictionary<string, string> { ["note.txt"] = $"written by process {Environment.ProcessId}" });
    void OnStep(RegistrationStep step)
    {
        Console.WriteLine($"step {step}");
        Console.Out.Flush();
        if (step.ToString() == hangAt) Thread.Sleep(Timeout.Infinite);
    }
    if (stage is null)
        Console.WriteLine($"registered {new ModelRegistry(registryDirectory).Register(registration, OnStep).Version}");
    else
    {
        var result = new ModelRegistry(registryDirectory).Register(
            new RegistrationRequest(registration) { ChooseStage = _ => new StageDecision(Enum.Parse<ModelStage>(stage, ignoreCase: true), "writer") }, OnStep);
        Console.WriteLine($"registered {result.Version} {result.Outcome}");
    }
    return 0;
}
catch (ModelingException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
