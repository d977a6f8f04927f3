using Pipeline.Delivery.Docker;

namespace Pipeline.Delivery.Tests.Docker;

public sealed class ServingDockerfileTests
{
    private static IReadOnlyList<string> Instructions(string dockerfile) =>
        dockerfile.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !char.IsWhiteSpace(l[0]))
            .Where(l => char.IsUpper(l[0])).ToList();

    [Fact]
    public void Render_CopiesTheModelLast_AfterTheServiceAndItsSettings_SoANewModelRebuildsOneLayer()
    {
        var instructions = Instructions(ServingDockerfile.Render("base:1", "Pipeline.Serving.dll"));

        Assert.Equal("FROM base:1", instructions[0]);
        Assert.Equal($"COPY {ServingDockerfile.ServiceContextPath}/ /app/", instructions[1]);
        Assert.Equal($"COPY {ServingDockerfile.ModelContextPath}/ {ServingDockerfile.ModelDirectory}/", instructions[^1]);
        // The only COPYs are the service's and the model's: everything between them is settings, cached with the service.
        Assert.Equal(2, instructions.Count(i => i.StartsWith("COPY ", StringComparison.Ordinal)));
        Assert.Contains(instructions, i => i.StartsWith("ENTRYPOINT [\"dotnet\", \"/app/Pipeline.Serving.dll\"]", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_DoesNotMentionTheModel_BeforeItsLayer_SoTheServiceLayersDoNotDependOnIt()
    {
        var dockerfile = ServingDockerfile.Render("base:1", "Pipeline.Serving.dll");

        var modelCopy = dockerfile.IndexOf($"COPY {ServingDockerfile.ModelContextPath}/", StringComparison.Ordinal);
        var firstModelContextMention = dockerfile.IndexOf($"{ServingDockerfile.ModelContextPath}/ ", StringComparison.Ordinal);

        Assert.Equal(modelCopy + "COPY ".Length, firstModelContextMention);
    }

    [Fact]
    public void Render_SetsEveryLabelInOneInstructionAfterTheModel_QuotingValuesAsTheyAre()
    {
        var labels = new Dictionary<string, string> { ["pipeline.model.version"] = "7", ["org.opencontainers.image.title"] = "a \"quoted\" $HOME\\path" };

        var dockerfile = ServingDockerfile.Render("base:1", "Pipeline.Serving.dll", labels);

        var label = dockerfile[dockerfile.IndexOf("LABEL ", StringComparison.Ordinal)..];
        Assert.Single(Instructions(dockerfile), i => i.StartsWith("LABEL ", StringComparison.Ordinal));
        Assert.True(dockerfile.IndexOf($"COPY {ServingDockerfile.ModelContextPath}/", StringComparison.Ordinal) < dockerfile.IndexOf("LABEL ", StringComparison.Ordinal));
        Assert.Contains("\"pipeline.model.version\"=\"7\"", label);
        Assert.Contains("\"org.opencontainers.image.title\"=\"a \\\"quoted\\\" \\$HOME\\\\path\"", label);
    }
}
