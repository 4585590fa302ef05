namespace Hub.Api.Auth;

/// <summary>
/// Cross-site request forgery guard for the UI's session cookie. The cookie is SameSite=Lax, which still rides on
/// requests from sibling sites (other apps under the same registrable domain), and the API reads JSON bodies whatever
/// their content type, so an HTML form elsewhere could post one. A state-changing request whose only credential is the
/// cookie is refused when the browser says it comes from another origin (<c>Sec-Fetch-Site</c>, else <c>Origin</c>).
/// Requests without either header are not from a browser page (the UI's server-side calls, scripts) and pass; token
/// callers are not concerned, a page elsewhere cannot attach a token.
/// </summary>
internal static class SessionRequests
{
    public const string CrossOriginRefusal =
        "Cross-origin request refused: the session cookie only authorizes changes made from this hub's own pages. Use an access token.";

    public static bool IsCrossOrigin(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
            return false;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is not ("same-origin" or "none");
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var from)) return true; // "null": sandboxed frames, data: URLs
        var publicBase = context.RequestServices.GetService<Http.PublicUrls>()?.Base(context);
        return !(SameOrigin(from, $"{request.Scheme}://{request.Host}")
                 || publicBase is not null && SameOrigin(from, publicBase));
    }

    private static bool SameOrigin(Uri from, string other) =>
        Uri.TryCreate(other, UriKind.Absolute, out var to)
        && string.Equals(from.Scheme, to.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(from.IdnHost, to.IdnHost, StringComparison.OrdinalIgnoreCase)
        && from.Port == to.Port;
}
