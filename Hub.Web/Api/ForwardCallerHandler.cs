using Microsoft.AspNetCore.Http;

namespace Hub.Web.Api;

/// <summary>
/// Sends the browser's credentials (session cookie, Authorization header) with the UI's API calls made while rendering
/// on the server, so the API sees the same caller the browser is, and the browser's address, signed, so the API limits
/// and audits that address rather than the UI's own.
/// </summary>
public sealed class ForwardCallerHandler(IHttpContextAccessor accessor, IForwardedClientSigner? signer = null) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.Request is { } incoming)
        {
            if (incoming.Headers.Authorization.ToString() is { Length: > 0 } authorization && request.Headers.Authorization is null)
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            if (incoming.Headers.Cookie.ToString() is { Length: > 0 } cookie)
                request.Headers.TryAddWithoutValidation("Cookie", cookie);
            if (signer is not null && accessor.HttpContext.Connection.RemoteIpAddress?.ToString() is { } address)
            {
                request.Headers.TryAddWithoutValidation(ForwardedClientHeaders.Address, address);
                request.Headers.TryAddWithoutValidation(ForwardedClientHeaders.Signature, signer.Sign(address));
            }
        }
        return base.SendAsync(request, cancellationToken);
    }
}
