using System.Text.Json;

namespace Pipeline.Serving.Tests;

/// <summary>
/// The GC settings every way of starting the service reads (the runtimeconfig.json the build puts beside
/// Pipeline.Serving.dll; the container and the benchmarks run that file untouched): server GC, and a gen0 budget
/// capped so that memory the GC keeps committed between collections stays a few MB whatever the machine's cache size.
/// </summary>
public sealed class ServiceGcSettingsTests
{
    private const long MaxGen0BudgetBytes = 4 * 1024 * 1024;

    [Fact]
    public void TheServiceRunsServerGcWithItsGen0BudgetCapped()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Pipeline.Serving.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing: the service's build no longer puts its runtimeconfig.json beside the dll.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.GC.Server", out var server) && server.GetBoolean(), $"{path} does not select server GC.");
        Assert.True(properties.TryGetProperty("System.GC.Gen0MaxBudget", out var budget), $"{path} has no System.GC.Gen0MaxBudget (src/Pipeline.Serving/Pipeline.Serving.csproj sets it).");
        Assert.InRange(budget.GetInt64(), 1, MaxGen0BudgetBytes);
    }
}
