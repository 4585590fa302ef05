namespace Hub.Api.Http;

/// <summary>Echoes <c>X-Request-Id</c> (or <c>X-Amzn-Trace-Id</c>) or assigns one, so clients print it with errors.</summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers["X-Request-Id"].FirstOrDefault() ?? context.Request.Headers["X-Amzn-Trace-Id"].FirstOrDefault();
        var id = incoming is { Length: > 0 and <= 128 } && incoming.All(c => c is >= ' ' and <= '~') ? incoming : context.TraceIdentifier;
        context.Response.Headers["X-Request-Id"] = id;
        return next(context);
    }
}
