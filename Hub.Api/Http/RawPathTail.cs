using Microsoft.AspNetCore.Http.Features;

namespace Hub.Api.Http;

/// <summary>
/// Decodes a catch-all route value that ends the path (a revision and a file path) exactly once, from the request line.
/// Kestrel decodes the path before routing except <c>%2F</c> (which must not split segments), so a route value is
/// half-decoded: decoding it again turned a file named <c>%41.txt</c> (sent as <c>%2541.txt</c>) into <c>A.txt</c>,
/// and keeping it left <c>refs%2Fpr%2F1</c> encoded. The same number of segments taken from the end of the raw target
/// and decoded once gives the name the client meant.
/// </summary>
internal static class RawPathTail
{
    public static string Decode(HttpContext context, string routeValue)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is { Length: > 0 } && raw[0] == '/')
        {
            var query = raw.IndexOf('?', StringComparison.Ordinal);
            if (query >= 0) raw = raw[..query];
            var start = raw.Length;
            var segments = routeValue.Count(c => c == '/') + 1;
            for (var i = 0; i < segments && start > 0; i++) start = raw.LastIndexOf('/', start - 1);
            if (start >= 0)
            {
                var tail = raw[(start + 1)..];
                // Only when the raw tail is what Kestrel decoded into this value (no dot segments it removed meanwhile).
                if (KestrelView(tail) == routeValue) return Uri.UnescapeDataString(tail);
            }
        }
        return SlashesOnly(routeValue);
    }

    /// <summary>A route value (Kestrel-decoded but for <c>%2F</c>) with its encoded slashes decoded: revisions such as <c>refs%2Fpr%2F1</c>.</summary>
    public static string SlashesOnly(string routeValue) =>
        routeValue.Contains('%', StringComparison.Ordinal) ? routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase) : routeValue;

    private static string KestrelView(string rawTail) =>
        Uri.UnescapeDataString(rawTail.Replace("%2F", "%252F", StringComparison.Ordinal).Replace("%2f", "%252f", StringComparison.Ordinal));
}
