using System.Globalization;
using System.Security;
using System.Text;

namespace Hub.Api.Features.Accounts;

/// <summary>
/// The <c>avatarUrl</c> the API hands out (whoami, commit authors): <c>/avatars/{name}</c>, a small SVG with the name's
/// initial on a hue derived from the name, as the UI draws it. Any name answers (commit authors are free text), nothing
/// is looked up, so it reveals nothing about accounts.
/// </summary>
public static class Avatars
{
    public static string Url(string baseUrl, string name) => $"{baseUrl}/avatars/{Uri.EscapeDataString(name)}";

    public static IEndpointRouteBuilder MapAvatarEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/avatars/{name}", (HttpContext context, string name) =>
        {
            var decoded = Uri.UnescapeDataString(name);
            var initial = decoded.Length > 0 && !char.IsSurrogate(decoded[0]) && !char.IsControl(decoded[0]) ? decoded[..1].ToUpperInvariant() : "?";
            var hue = (int)((uint)decoded.Aggregate(7, (h, c) => unchecked((h * 31) + c)) % 360);
            var svg = string.Create(CultureInfo.InvariantCulture,
                $"""<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="32" fill="hsl({hue},55%,45%)"/><text x="32" y="42" font-family="sans-serif" font-size="30" text-anchor="middle" fill="#fff">{SecurityElement.Escape(initial)}</text></svg>""");
            context.Response.Headers.CacheControl = "public, max-age=86400";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
            return Results.Bytes(Encoding.UTF8.GetBytes(svg), "image/svg+xml");
        });
        return app;
    }
}
