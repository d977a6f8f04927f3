using Pipeline.Serving.Model;

namespace Pipeline.Serving.Endpoints;

/// <summary><c>/health</c> (the process answers), <c>/ready</c> (a model is loaded) and <c>/model</c> (its metadata).</summary>
public static class ModelEndpoints
{
    /// <summary>Maps the three endpoints.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/health", () => Results.Json(new { status = "alive" }));
        app.MapGet("/ready", (ServedModelHolder holder) => holder.Current is { } model
            ? Results.Json(new { status = "ready", modelVersion = model.Version })
            : Results.Json(new { status = "loading" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/model", (ServedModelHolder holder) => holder.Current is { } model
            ? Results.Json(new
            {
                version = model.Version,
                threshold = model.Threshold,
                metadata = model.Metadata,
                inputExample = model.InputExample,
            })
            : Results.Json(new { error = "No model is loaded yet." }, statusCode: StatusCodes.Status503ServiceUnavailable));
    }
}
