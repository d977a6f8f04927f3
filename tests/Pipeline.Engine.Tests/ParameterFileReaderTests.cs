namespace Pipeline.Engine.Tests;

public sealed class ParameterFileReaderTests
{
    private static Dictionary<string, ParameterFileValue> Read(string json) =>
        ParameterFileReader.Read(json, "p.json").ToDictionary(m => m.Key, m => m.Value);

    [Fact]
    public void Scalars_AreReadWithTheirKind()
    {
        var values = Read("""{ "s": "text", "n": -1.5e3, "t": true, "f": false, "z": null }""");

        Assert.Equal((ParameterFileValueKind.String, "text"), (values["s"].Kind, values["s"].Text));
        Assert.Equal((ParameterFileValueKind.Number, "-1.5e3"), (values["n"].Kind, values["n"].Text));
        Assert.Equal((ParameterFileValueKind.Boolean, "true"), (values["t"].Kind, values["t"].Text));
        Assert.Equal((ParameterFileValueKind.Boolean, "false"), (values["f"].Kind, values["f"].Text));
        Assert.Equal(ParameterFileValueKind.Null, values["z"].Kind);
    }

    [Fact]
    public void StringEscapes_AreDecoded()
    {
        var values = Read("""{ "path": "C:\\data\\x.csv", "quote": "say \"hi\"\n", "unicode": "\u00e9\/" }""");

        Assert.Equal(@"C:\data\x.csv", values["path"].Text);
        Assert.Equal("say \"hi\"\n", values["quote"].Text);
        Assert.Equal("é/", values["unicode"].Text);
    }

    [Fact]
    public void Arrays_CommentsAndTrailingCommas_AreAccepted()
    {
        var values = Read("""
            {
              // columns to use
              "columns": ["a", "b",],   /* trailing comma */
              "seed": 7,
            }
            """);

        Assert.Equal(new[] { "a", "b" }, values["columns"].Items.Select(i => i.Text));
        Assert.Equal("7", values["seed"].Text);
    }

    [Theory]
    [InlineData("[1, 2]", "it must hold a JSON object of parameter names and values (line 1, column 1)")]
    [InlineData("{ \"a\": \"open", "it has a string that is never closed (line 1, column 13)")]
    [InlineData("{ \"a\": 1.2.3 }", "it has '1.2.3', which is not a number")]
    [InlineData("{ \"a\": yes }", "it expects a value (a string, number, true, false, null or an array) (line 1, column 8)")]
    [InlineData("{ \"a\": 1 } x", "it has text after the closing '}'")]
    [InlineData("{ a: 1 }", "it expects a quoted name or '}' (line 1, column 3)")]
    public void MalformedFile_FailsWithASentenceNamingFileAndPosition(string json, string expected)
    {
        var error = Assert.Throws<BuildDefinitionException>(() => ParameterFileReader.Read(json, "p.json"));

        Assert.StartsWith("p.json is not valid JSON: ", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
