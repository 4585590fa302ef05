using Microsoft.AspNetCore.Http;

namespace Hub.Web.Api;

/// <summary>
/// Sends the browser's credentials (session cookie, Authorization header) with the UI's API calls made while rendering
/// on the server, so the API sees the same caller the browser is.
/// </summary>
public sealed class ForwardCallerHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.Request is { } incoming)
        {
            if (incoming.Headers.Authorization.ToString() is { Length: > 0 } authorization && request.Headers.Authorization is null)
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            if (incoming.Headers.Cookie.ToString() is { Length: > 0 } cookie)
                request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
