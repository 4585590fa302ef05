using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using System.Text;
using Hub.Api.Http;
using Hub.Api.Security;
using Hub.Api.Telemetry;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Audit;

namespace Hub.Api.Auth;

/// <summary>
/// Identifies the caller once per request: <c>Authorization: Bearer hf_…</c> or <c>Basic</c> with the token as password
/// (git, git-lfs) on every route, else the UI session cookie. A token that is present but invalid, revoked or expired is
/// refused with 401 <c>Invalid credentials in Authorization header</c> (hf-api.md §1.4) instead of silently treated as
/// anonymous. Invalid tokens count against the client address (<see cref="BruteForceGuard"/>): past the limit every
/// token from that address is answered 429 until the window ends. The first use of a token in a while is audited.
/// </summary>
internal sealed class CallerMiddleware(RequestDelegate next, TimeProvider time, ILogger<CallerMiddleware> logger)
{
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public async Task InvokeAsync(HttpContext context, IAccessTokenStore tokens, BruteForceGuard guard, IAuditLog audit)
    {
        var ct = context.RequestAborted;
        var caller = HubCaller.Anonymous;
        // The hub's own git hook authenticates to /internal/ with a one-push secret, not an access token.
        var presented = context.Request.Path.StartsWithSegments("/internal", StringComparison.Ordinal) ? null : ReadToken(context.Request);
        // Signing in, up or out from another site's page would swap the browser's session (login CSRF).
        if (presented is null && context.Request.Path.StartsWithSegments("/api/auth", StringComparison.Ordinal) && SessionRequests.IsCrossOrigin(context))
        {
            await HfErrors.Forbidden(SessionRequests.CrossOriginRefusal).ExecuteAsync(context);
            return;
        }
        if (presented is not null)
        {
            var address = context.Connection.RemoteIpAddress;
            if (guard.RetryAfter(BruteForceGuard.Token, address) is { } wait)
            {
                await TooManyRequests.Create($"Too many invalid tokens from this address. Try again in {TooManyRequests.Seconds(wait)} seconds.", wait).ExecuteAsync(context);
                return;
            }
            var found = AccessTokens.LooksLikeToken(presented) ? await tokens.FindByHashAsync(AccessTokens.Hash(presented), ct) : null;
            var now = time.GetUtcNow();
            if (found is not { } f || f.Token.RevokedAt is not null || f.Token.ExpiresAt <= now || f.Token.Role == WebSessions.Role)
            {
                ApiTelemetry.AuthFailures.Add(1);
                guard.Failed(BruteForceGuard.Token, address);
                logger.LogInformation("Refused an invalid access token from {RemoteAddress}", address);
                await Unauthorized(context).ExecuteAsync(context);
                return;
            }
            if (f.Token.LastUsedAt is null || now - f.Token.LastUsedAt > TouchInterval)
            {
                await tokens.TouchAsync(f.Token.Id, now, ct);
                await audit.WriteAsync(new AuditEntry(now, f.User.Id, "token.use", f.Token.Prefix, $"{f.Token.Role} {context.Request.Method} {Truncate(context.Request.Path.Value)}", address?.ToString()), ct);
            }
            caller = HubCaller.FromToken(f.User, f.Token);
        }
        else if (context.User.Identity?.IsAuthenticated == true)
        {
            // The cookie counts only while its session row is live (log-out revokes it); a dead one is cleared.
            if (await WebSessions.FindUserAsync(context.User, tokens, time, ct) is { } user)
            {
                if (SessionRequests.IsCrossOrigin(context))
                {
                    logger.LogInformation("Refused a cross-origin {Method} with a session cookie from {Origin}", context.Request.Method, context.Request.Headers.Origin.ToString());
                    await HfErrors.Forbidden(SessionRequests.CrossOriginRefusal).ExecuteAsync(context);
                    return;
                }
                caller = HubCaller.FromSession(user);
            }
            else
            {
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
        }
        context.Features.Set(caller);
        await next(context);
    }

    private static HfError Unauthorized(HttpContext context)
    {
        var headers = new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"Hub\"" };
        if (context.Request.Path.Value?.Contains("/info/lfs/", StringComparison.Ordinal) == true)
            headers["LFS-Authenticate"] = "Basic realm=\"Hub\"";
        return new HfError(401, HfErrors.InvalidCredentials, headers: headers);
    }

    private static string? Truncate(string? path) => path is { Length: > 200 } ? path[..200] : path;

    /// <summary>The token from Bearer, or from Basic where the password is the token (any user name).</summary>
    internal static string? ReadToken(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header) || header.Parameter is null)
            return null;
        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return header.Parameter.Trim();
        if (!header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            var password = colon < 0 ? decoded : decoded[(colon + 1)..];
            return password.Length == 0 ? null : password;
        }
        catch (FormatException)
        {
            return "invalid";
        }
    }
}
