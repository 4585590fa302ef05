using System.Net;
using Hub.Web.Api;

namespace Hub.Api.Security;

/// <summary>
/// First in the pipeline: a request from the hub's own UI that carries the browser's address with a valid signature
/// (<see cref="ForwardedClientSigner"/>) is treated as coming from that address, for rate limits, the brute-force
/// guard and the audit log. The headers are dropped either way; an unsigned or forged address changes nothing.
/// </summary>
internal sealed class ForwardedClientMiddleware(RequestDelegate next, ForwardedClientSigner signer)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.TryGetValue(ForwardedClientHeaders.Address, out var address))
        {
            var signature = headers[ForwardedClientHeaders.Signature].ToString();
            if (address.Count == 1 && signature.Length > 0 && IPAddress.TryParse(address.ToString(), out var parsed) && signer.IsValid(address.ToString(), signature))
                context.Connection.RemoteIpAddress = parsed;
            headers.Remove(ForwardedClientHeaders.Address);
            headers.Remove(ForwardedClientHeaders.Signature);
        }
        return next(context);
    }
}
