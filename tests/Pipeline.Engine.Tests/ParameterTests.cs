namespace Pipeline.Engine.Tests;

public sealed class ParameterTests : EngineTest
{
    public enum Algorithm { FastTree, LightGbm }

    private sealed class ParameterBuild : NukeBuild
    {
        [Parameter("Where the data is")] public readonly AbsolutePath? DataPath;
        [Parameter("Dataset name")] public readonly string Dataset = "ai4i2020";
        [Parameter("Retries")] public readonly int Retries = 3;
        [Parameter("Threshold")] public readonly double Threshold = 0.5;
        [Parameter("Algorithm")] public readonly Algorithm Trainer = Algorithm.FastTree;
        [Parameter("Feature columns")] public readonly string[] Columns = Array.Empty<string>();
        [Parameter("Seeds")] public readonly int[] Seeds = Array.Empty<int>();
        [Parameter("Dry run")] public readonly bool DryRun;
        [Parameter("Optional count")] public int? Limit { get; private set; }

        public Target Show => _ => _.Executes(() => { });
        public Target Other => _ => _.Executes(() => { });
    }

    private static Dictionary<string, string> Env(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value);

    [Theory]
    [InlineData("--data-path")]
    [InlineData("--DataPath")]
    [InlineData("--datapath")]
    [InlineData("--data_path")]
    public async Task CommandLine_AcceptsKebabAndMemberSpelling(string option)
    {
        var run = await Engine.Run<ParameterBuild>(Root, "Show", option, "data/x.csv");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Equal(Root.Absolute / "data" / "x.csv", run.Build.DataPath);
    }

    [Fact]
    public async Task CommandLine_EqualsSyntaxWorks()
    {
        var run = await Engine.Run<ParameterBuild>(Root, "Show", "--retries=7");

        Assert.Equal(7, run.Build.Retries);
    }

    [Theory]
    [InlineData("DATA_PATH")]
    [InlineData("DataPath")]
    [InlineData("data_path")]
    public async Task Environment_AcceptsNamesIgnoringCaseAndUnderscores(string variable)
    {
        var run = await Engine.Run<ParameterBuild>(Root, Env((variable, "/srv/data.csv")), "Show");

        Assert.Equal(AbsolutePath.Create("/srv/data.csv"), run.Build.DataPath);
    }

    [Fact]
    public async Task ParametersJson_IsRead()
    {
        Root.Write(".nuke/parameters.json", """{ "$schema": "./build.schema.json", "Dataset": "json", "Retries": 5, "DryRun": true, "Columns": ["a", "b"] }""");

        var run = await Engine.Run<ParameterBuild>(Root, "Show");

        Assert.Equal("json", run.Build.Dataset);
        Assert.Equal(5, run.Build.Retries);
        Assert.True(run.Build.DryRun);
        Assert.Equal(new[] { "a", "b" }, run.Build.Columns);
    }

    [Theory]
    [InlineData(true, true, true, "cli")]
    [InlineData(false, true, true, "env")]
    [InlineData(false, false, true, "profile")]
    [InlineData(false, false, false, "json")]
    public async Task Sources_ApplyInPrecedenceOrder(bool onCommandLine, bool inEnvironment, bool withProfile, string expected)
    {
        Root.Write(".nuke/parameters.json", """{ "Dataset": "json" }""");
        Root.Write(".nuke/parameters.ci.json", """{ "Dataset": "profile" }""");
        var args = new List<string> { "Show" };
        if (onCommandLine) args.AddRange(new[] { "--dataset", "cli" });
        if (withProfile) args.AddRange(new[] { "--profile", "ci" });
        var environment = inEnvironment ? Env(("DATASET", "env")) : Env();

        var run = await Engine.Run<ParameterBuild>(Root, environment, args.ToArray());

        Assert.Equal(expected, run.Build.Dataset);
    }

    [Fact]
    public async Task Default_IsTheFieldInitialiserWhenNoSourceHasAValue()
    {
        var run = await Engine.Run<ParameterBuild>(Root, "Show");

        Assert.Equal("ai4i2020", run.Build.Dataset);
        Assert.Equal(3, run.Build.Retries);
        Assert.Null(run.Build.DataPath);
        Assert.Null(run.Build.Limit);
    }

    [Fact]
    public async Task LaterProfile_WinsOverEarlierProfile()
    {
        Root.Write(".nuke/parameters.ci.json", """{ "Dataset": "ci", "Retries": 9 }""");
        Root.Write(".nuke/parameters.fast.json", """{ "Dataset": "fast" }""");

        var run = await Engine.Run<ParameterBuild>(Root, "Show", "--profile", "ci", "fast");

        Assert.Equal("fast", run.Build.Dataset);
        Assert.Equal(9, run.Build.Retries);
    }

    [Fact]
    public async Task MissingProfileFile_FailsNamingTheFile()
    {
        var run = await Engine.Run<ParameterBuild>(Root, "Show", "--profile", "nightly");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("Profile 'nightly' has no file: expected .nuke/parameters.nightly.json.", run.Output);
    }

    [Fact]
    public async Task MalformedParametersJson_FailsNamingFileAndLine()
    {
        Root.Write(".nuke/parameters.json", "{\n  \"Dataset\": \"x\"\n  \"Retries\": 2\n}");

        var run = await Engine.Run<ParameterBuild>(Root, "Show");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains(".nuke/parameters.json is not valid JSON: it expects ',' or '}' after a value (line 3, column 3).", run.Output);
    }

    [Fact]
    public async Task TypedValues_AreConverted()
    {
        var run = await Engine.Run<ParameterBuild>(Root, "Show", "--threshold", "0.25", "--trainer", "lightgbm",
            "--columns", "Torque", "Tool wear", "--seeds", "1", "2", "3", "--limit", "10");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Equal(0.25, run.Build.Threshold);
        Assert.Equal(Algorithm.LightGbm, run.Build.Trainer);
        Assert.Equal(new[] { "Torque", "Tool wear" }, run.Build.Columns);
        Assert.Equal(new[] { 1, 2, 3 }, run.Build.Seeds);
        Assert.Equal(10, run.Build.Limit);
    }

    [Fact]
    public async Task EnvironmentArrays_AreCommaSeparated()
    {
        var run = await Engine.Run<ParameterBuild>(Root, Env(("SEEDS", "4, 5")), "Show");

        Assert.Equal(new[] { 4, 5 }, run.Build.Seeds);
    }

    [Fact]
    public async Task BoolFlagWithoutValue_IsTrue_AndLeavesFollowingTargetNamesAlone()
    {
        var run = await Engine.Run<ParameterBuild>(Root, "--dry-run", "Show", "Other");

        Assert.True(run.Build.DryRun);
        Assert.Equal(new[] { "Show", "Other" }, run.Order);
    }

    [Fact]
    public async Task BoolFlagWithExplicitFalse_IsFalse()
    {
        var run = await Engine.Run<ParameterBuild>(Root, Env(("DRY_RUN", "true")), "Show", "--dry-run", "false");

        Assert.False(run.Build.DryRun);
    }

    [Fact]
    public async Task ScalarParameter_TakesOneValue_AndTheRestAreTargets()
    {
        var run = await Engine.Run<ParameterBuild>(Root, "--dataset", "other", "Show", "Other");

        Assert.Equal("other", run.Build.Dataset);
        Assert.Equal(new[] { "Show", "Other" }, run.Order);
    }

    [Fact]
    public async Task RepeatedScalarParameter_TakesTheLastValue_AndNoValueBecomesATarget()
    {
        var run = await Engine.Run<ParameterBuild>(Root, "--dataset", "first", "--dataset", "second", "Show");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Equal("second", run.Build.Dataset);
        Assert.Equal(new[] { "Show" }, run.Order);
    }

    [Fact]
    public async Task RepeatedArrayParameter_GathersEveryValue()
    {
        var run = await Engine.Run<ParameterBuild>(Root, "Show", "--columns", "a", "b", "--columns", "c");

        Assert.Equal(new[] { "a", "b", "c" }, run.Build.Columns);
        Assert.Equal(new[] { "Show" }, run.Order);
    }

    [Fact]
    public async Task BadIntValue_ExitsNonZeroNamingParameterValueAndType()
    {
        var run = await Engine.Run<ParameterBuild>(Root, "Show", "--retries", "abc");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("Parameter 'Retries' (--retries) got 'abc' from the command line, but expects an integer (Int32).", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public async Task BadValueFromEnvironment_NamesTheVariable()
    {
        var run = await Engine.Run<ParameterBuild>(Root, Env(("THRESHOLD", "high")), "Show");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("Parameter 'Threshold' (--threshold) got 'high' from the environment variable THRESHOLD, but expects a finite number (Double).", run.Output);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-1e999")]
    public async Task NonFiniteNumber_IsRejectedNamingTheParameter(string value)
    {
        var run = await Engine.Run<ParameterBuild>(Root, "Show", "--threshold", value);

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains($"Parameter 'Threshold' (--threshold) got '{value}' from the command line, but expects a finite number (Double).", run.Output);
    }

    [Fact]
    public async Task BadEnumValue_ListsTheAllowedNames()
    {
        var run = await Engine.Run<ParameterBuild>(Root, "Show", "--trainer", "svm");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("got 'svm' from the command line, but expects one of FastTree, LightGbm.", run.Output);
    }

    [Fact]
    public async Task MissingValue_FailsNamingTheOption()
    {
        var run = await Engine.Run<ParameterBuild>(Root, "Show", "--retries");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("Option --retries (parameter 'Retries') expects a value.", run.Output);
    }

    [Fact]
    public async Task UnknownOption_FailsWithDidYouMean()
    {
        var run = await Engine.Run<ParameterBuild>(Root, "Show", "--retires", "2");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("Unknown option '--retires'; it is neither a parameter nor an engine option. Did you mean '--retries'?", run.Output);
    }

    [Fact]
    public async Task UnknownKeyInParametersJson_IsAWarning()
    {
        Root.Write(".nuke/parameters.json", """{ "Datset": "x" }""");

        var run = await Engine.Run<ParameterBuild>(Root, "Show");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Contains("warning: .nuke/parameters.json sets 'Datset', which is not a parameter of this build.", run.Output);
    }

    [Fact]
    public async Task ParametersJsonObjectValue_FailsNamingParameterAndExpectedType()
    {
        Root.Write(".nuke/parameters.json", """{ "Retries": { "value": 2 } }""");

        var run = await Engine.Run<ParameterBuild>(Root, "Show");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("Parameter 'Retries' in .nuke/parameters.json is a JSON object, but expects an integer (Int32).", run.Output);
    }

    [Fact]
    public async Task AbsolutePathValue_StaysAbsolute()
    {
        var run = await Engine.Run<ParameterBuild>(Root, "Show", "--data-path", "/tmp/elsewhere/../file.csv");

        Assert.Equal("/tmp/file.csv", run.Build.DataPath?.ToString());
    }
}
