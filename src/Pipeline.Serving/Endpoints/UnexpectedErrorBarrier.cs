using Pipeline.Serving.Metrics;

namespace Pipeline.Serving.Endpoints;

/// <summary>
/// The last line of defence: an exception no endpoint expected is logged (with its stack trace, for the
/// operator) and answered 500 with a one-sentence JSON error (no stack trace for the client), and counted as
/// <c>pipeline_predict_requests_total{outcome="error"}</c> on /predict. A client that hung up is not an error.
/// </summary>
public static class UnexpectedErrorBarrier
{
    /// <summary>Adds the barrier in front of every endpoint.</summary>
    public static void Use(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UnexpectedErrorBarrier).FullName!);
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away mid-request; there is no one to answer.
            }
            catch (Exception e)
            {
                logger.LogError(e, "{Method} {Path} failed inside the service.", context.Request.Method, context.Request.Path);
                if (context.Request.Path.Equals("/predict", StringComparison.Ordinal))
                {
                    ServingMetrics.PredictError.Inc();
                }
                if (context.Response.HasStarted)
                {
                    // Part of an answer is on the wire; cutting the connection is the only honest signal left.
                    context.Abort();
                    return;
                }
                context.Response.Clear();
                await ErrorResponse.WriteAsync(context, StatusCodes.Status500InternalServerError, null,
                    $"The service failed while answering ({e.GetType().Name}); this is not a problem with the request. The error is in the service's log.");
            }
        });
    }
}
