namespace Hub.Api.Auth;

public static class HttpContextCallerExtensions
{
    /// <summary>The caller identified by <see cref="CallerMiddleware"/> (anonymous when none).</summary>
    public static HubCaller GetCaller(this HttpContext context) => context.Features.Get<HubCaller>() ?? HubCaller.Anonymous;
}
