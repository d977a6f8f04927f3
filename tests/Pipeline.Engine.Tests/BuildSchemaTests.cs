using System.Text.Json;

namespace Pipeline.Engine.Tests;

public sealed class BuildSchemaTests : EngineTest
{
    public enum Mode { Fast, Thorough }

    private sealed class SchemaBuild : NukeBuild
    {
        [Parameter("Dataset spec name")] readonly string Dataset = "ai4i2020";
        [Parameter("Trees")] readonly int Trees = 100;
        [Parameter("Ratio")] readonly double Ratio = 0.2;
        [Parameter("Quick")] readonly bool Quick;
        [Parameter("Mode")] readonly Mode RunMode;
        [Parameter("Columns")] readonly string[] Columns = Array.Empty<string>();
        [Parameter("Token"), Secret] readonly string? Token;

        Target Show => _ => _.Executes(() => { });
    }

    [Fact]
    public async Task EveryRun_KeepsBuildSchemaJsonInStepWithTheParameters()
    {
        await Engine.Run<SchemaBuild>(Root, "--help");

        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root.Path, ".nuke", "build.schema.json")));
        var properties = schema.RootElement.GetProperty("properties");
        Assert.Equal("string", properties.GetProperty("Dataset").GetProperty("type").GetString());
        Assert.Equal("Dataset spec name", properties.GetProperty("Dataset").GetProperty("description").GetString());
        Assert.Equal("integer", properties.GetProperty("Trees").GetProperty("type").GetString());
        Assert.Equal("number", properties.GetProperty("Ratio").GetProperty("type").GetString());
        Assert.Equal("boolean", properties.GetProperty("Quick").GetProperty("type").GetString());
        Assert.Equal(new[] { "Fast", "Thorough" }, properties.GetProperty("RunMode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("string", properties.GetProperty("Columns").GetProperty("items").GetProperty("type").GetString());
        Assert.Contains("secret", properties.GetProperty("Token").GetProperty("description").GetString());
    }
}
