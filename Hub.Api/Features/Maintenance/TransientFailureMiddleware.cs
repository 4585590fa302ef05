using System.Text.Json;
using Hub.Api.Security;

namespace Hub.Api.Features.Maintenance;

/// <summary>
/// Turns an outage of the database or the blob store (<see cref="TransientFailures"/>) into
/// <c>503 Service Unavailable</c> with <c>Retry-After</c> and the HF error headers, instead of a 500: clients retry, and
/// nothing is to be repaired by hand — every request opens fresh connections from the pools, so service resumes as soon
/// as the dependency is back. A response already streaming cannot change its status; it is aborted.
/// </summary>
internal sealed class TransientFailureMiddleware(RequestDelegate next, ILogger<TransientFailureMiddleware> logger)
{
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (TransientFailures.Classify(e) is { } what && !context.RequestAborted.IsCancellationRequested)
        {
            SecurityTelemetry.Unavailable.Add(1, new KeyValuePair<string, object?>("service", what));
            logger.LogWarning("The {Service} is unavailable: {Method} {Path} answered 503 ({Error})", what, context.Request.Method, context.Request.Path, e.Message);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }
            context.Response.Clear();
            var message = $"The hub's {what} is unavailable at the moment. Retry in a few seconds.";
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["X-Error-Message"] = message;
            context.Response.ContentType = "application/json";
            if (!HttpMethods.IsHead(context.Request.Method))
                await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = message, message }), CancellationToken.None);
        }
    }
}
