namespace Pipeline.Engine;

/// <summary>The engine's own command-line options; parameters may not reuse these names.</summary>
internal static class EngineOptions
{
    public const string Target = "target";
    public const string Skip = "skip";
    public const string Help = "help";
    public const string Plan = "plan";
    public const string Root = "root";
    public const string Verbosity = "verbosity";
    public const string Force = "force";
    public const string Profile = "profile";
    public const string NoWait = "nowait"; // a key (NameForms.Key): matches --no-wait

    public static readonly string[] All = { Target, Skip, Help, Plan, Root, Verbosity, Force, Profile, NoWait };

    public static bool IsReserved(string key) => Array.IndexOf(All, key) >= 0;

    /// <summary>The options as --help lists them.</summary>
    public static readonly (string Usage, string Description)[] Documentation =
    {
        ("--target <names>", "Targets to run (same as naming them first: ./build.sh A B)."),
        ("--skip [names]", "Skip the named targets; without names, skip every target not invoked directly."),
        ("--force", "Run incremental targets even when they are up to date."),
        ("--profile <names>", "Also read .nuke/parameters.<name>.json (a later profile wins)."),
        ("--plan", "Print the execution plan and graph, write artifacts/plan.mmd (Mermaid), run nothing."),
        ("--root <folder>", "The repository root (default: nearest folder upward holding .nuke/)."),
        ("--no-wait", "Fail at once (exit 1) instead of waiting when another build holds this checkout's lock."),
        ("--verbosity <level>", "quiet | minimal | normal | verbose (verbose adds debug output and stack traces)."),
        ("--help, -h", "Show this help."),
    };
}
