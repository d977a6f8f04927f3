using Pipeline.Serving;
using Pipeline.Serving.Configuration;
using Pipeline.Serving.Model;

if (args.Contains("--healthcheck"))
{
    var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args.Where(a => a != "--healthcheck").ToArray()).Build();
    return await HealthcheckProbe.RunAsync(configuration);
}

try
{
    var app = ScoringService.Build(args);
    await app.RunAsync();
    return 0;
}
catch (ModelLoadException e)
{
    // Refusing to start is the point: a broken model must never be served, and a deploy rolls back on it.
    Console.Error.WriteLine($"The scoring service cannot start: {e.Message}");
    return 2;
}
catch (ServingConfigurationException e)
{
    Console.Error.WriteLine($"The scoring service cannot start: {e.Message}");
    return 2;
}
catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
{
    Console.Error.WriteLine($"The scoring service cannot listen: {e.Message} Choose another port with Serving__Port.");
    return 3;
}
