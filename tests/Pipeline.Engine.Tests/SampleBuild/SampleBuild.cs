using Pipeline.Engine;

/// <summary>A build that waits until cancelled, so a test can interrupt a real process.</summary>
class SampleBuild : NukeBuild
{
    public static int Main() => Execute<SampleBuild>(x => x.Wait);

    Target Wait => _ => _.Executes(async cancellationToken =>
    {
        Log.Information("waiting for Ctrl+C");
        await Task.Delay(Timeout.Infinite, cancellationToken);
    });

    Target Next => _ => _.DependsOn(Wait).Executes(() => Log.Information("next ran"));
}
