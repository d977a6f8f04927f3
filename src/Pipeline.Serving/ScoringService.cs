using System.Net;
using Pipeline.Serving.Configuration;
using Microsoft.AspNetCore.Routing;
using Pipeline.Serving.Endpoints;
using Pipeline.Serving.InferenceLog;
using Pipeline.Serving.Metrics;
using Pipeline.Serving.Model;
using Pipeline.Serving.Routing;
using Prometheus;

namespace Pipeline.Serving;

/// <summary>Builds the scoring service: configuration, model loading and watching, inference log, endpoints.</summary>
public static class ScoringService
{
    /// <summary>
    /// Builds the service from command-line <paramref name="args"/>, appsettings.json and environment variables,
    /// and loads the configured model. Throws <see cref="ModelLoadException"/> when the model cannot be served and
    /// <see cref="ServingConfigurationException"/> when a setting is unusable.
    /// </summary>
    /// <param name="args">Command-line arguments, e.g. <c>--Serving:ModelPath=models/registry/ai4i2020</c>.</param>
    public static WebApplication Build(string[] args)
    {
        // appsettings.json sits beside the service's dll: it applies however and wherever the service is started.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var section = builder.Configuration.GetSection(ServingOptions.Section);
        var baseDirectory = ServingBaseDirectory.Find(Environment.CurrentDirectory);
        builder.Services.Configure<ServingOptions>(section);
        builder.Services.PostConfigure<ServingOptions>(options => options.ResolvePaths(baseDirectory));
        ServingOptions settings;
        try
        {
            settings = section.Get<ServingOptions>() ?? new ServingOptions();
        }
        catch (InvalidOperationException e)
        {
            // e.g. "Failed to convert configuration value at 'Serving:Port' to type 'System.Int32'."
            throw new ServingConfigurationException($"A Serving setting has an unusable value: {e.Message} (settings come from appsettings.json, Serving__* environment variables and --Serving:* arguments).", e);
        }
        if (!IPAddress.TryParse(settings.ListenAddress, out var address))
        {
            throw new ServingConfigurationException($"Serving:ListenAddress \"{settings.ListenAddress}\" is not an IP address (e.g. 0.0.0.0 or 127.0.0.1).");
        }
        settings.ThrowIfOutOfRange();
        settings.ResolvePaths(baseDirectory);
        var authToken = settings.ReadAuthToken();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, settings.Port);
            kestrel.AddServerHeader = false;
            // The reader enforces the exact limit with a 400; this only stops bodies far beyond it early.
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes + 1;
        });
        builder.Logging.AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; });

        builder.Services.AddSingleton<ServedModelHolder>();
        builder.Services.AddSingleton<ModelWatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ModelWatcher>());
        builder.Services.AddSingleton<InferenceLogQueue>();
        builder.Services.AddHostedService<InferenceLogWriter>();
        // The shadow scorer writes the shadows' records itself (the log's shadow folder), in batches.
        builder.Services.AddSingleton<TrafficRouter>();
        builder.Services.AddSingleton<ShadowQueue>();
        builder.Services.AddHostedService<ShadowScorer>();

        var app = builder.Build();
        var holder = app.Services.GetRequiredService<ServedModelHolder>();
        holder.Swapped += model => ServingMetrics.SetServedVersion(model.Version);
        Monitoring.LiveDriftMetrics.Export(() => holder.Current?.LiveDrift);
        app.Services.GetRequiredService<ModelWatcher>().LoadInitial();
        // Challengers load (and verify) at start: a broken one stops the service before it takes traffic.
        app.Services.GetRequiredService<TrafficRouter>();

        UnexpectedErrorBarrier.Use(app);
        BearerTokenGate.Use(app, authToken);
        app.MapPost("/predict", PredictEndpoint.HandleAsync);
        ModelEndpoints.Map(app);
        // Scrapes are GETs; routing answers 405 to any other method instead of serving the metrics to a POST.
        app.MapMetrics("/metrics").WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        if (settings.EnableBenchConstantEndpoint)
        {
            // The ceiling for bench/serve.sh: same host, same Kestrel, no model, no parsing.
            app.MapPost("/bench/constant", () => Results.Text("""{"probability":0.5,"label":false,"modelVersion":"constant"}""", "application/json"));
        }
        return app;
    }
}
