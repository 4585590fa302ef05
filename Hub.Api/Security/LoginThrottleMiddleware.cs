namespace Hub.Api.Security;

/// <summary>
/// Brute-force limit on <c>POST /api/auth/login</c>: an address with too many failed logins in the window gets 429 with
/// <c>Retry-After</c> before its password is even checked; every 401 from the login counts as a failure.
/// </summary>
internal sealed class LoginThrottleMiddleware(RequestDelegate next, BruteForceGuard guard)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.Equals("/api/auth/login", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        var address = context.Connection.RemoteIpAddress;
        if (guard.RetryAfter(BruteForceGuard.Login, address) is { } wait)
        {
            await TooManyRequests.Create($"Too many failed logins from this address. Try again in {TooManyRequests.Seconds(wait)} seconds.", wait).ExecuteAsync(context);
            return;
        }
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized) guard.Failed(BruteForceGuard.Login, address);
    }
}
