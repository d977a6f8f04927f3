namespace FaultSuite;

/// <summary>The fault suite's command line.</summary>
sealed record SuiteOptions(string Root, string Writer, string Build, string Service, TimeSpan KillTime, int BuildRounds, int Passes, string? Oci, string? ServiceModel)
{
    public static SuiteOptions Parse(string[] args)
    {
        string Value(string name, string? fallback = null)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1]
                : fallback ?? throw new ArgumentException($"FaultSuite: {name} is required (see bench/faults.sh).");
        }
        return new SuiteOptions(Path.GetFullPath(Value("--root")), Path.GetFullPath(Value("--writer")), Path.GetFullPath(Value("--build")), Path.GetFullPath(Value("--service")),
            TimeSpan.FromSeconds(double.Parse(Value("--kill-seconds", "60"))), int.Parse(Value("--build-rounds", "2")), int.Parse(Value("--passes", "30")),
            Array.IndexOf(args, "--oci") >= 0 ? Value("--oci") : null,
            Array.IndexOf(args, "--service-model") >= 0 ? Path.GetFullPath(Value("--service-model")) : null);
    }
}

/// <summary>A scratch folder under /tmp, removed at the end.</summary>
sealed class WorkFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("fault-suite-").FullName;

    public string Sub(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
