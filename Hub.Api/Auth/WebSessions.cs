using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Hub.Storage.Metadata.Accounts;

namespace Hub.Api.Auth;

/// <summary>
/// UI sessions the hub can end: each log-in stores a session row (role <c>session</c>) in the token table, whose secret
/// travels only inside the encrypted cookie. A cookie counts while its row is neither revoked nor expired, so logging
/// out ends the session everywhere, also for a copy of the cookie (a signed cookie alone stayed valid for 14 days).
/// The secret has no <c>hf_</c> prefix: it is never accepted as a Bearer or Basic token.
/// </summary>
public static class WebSessions
{
    public const string Role = "session";
    public const string ClaimType = "hub_session";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(5);
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Starts a session for <paramref name="user"/>: the claims the cookie carries.</summary>
    public static async Task<ClaimsPrincipal> StartAsync(UserRecord user, IAccessTokenStore tokens, TimeProvider time, CancellationToken ct)
    {
        var secret = "hs_" + RandomNumberGenerator.GetString(Alphabet, 40);
        await tokens.AddAsync(new NewAccessToken(user.Id, "Web session", AccessTokens.Hash(secret), "hs_", Role, null, time.GetUtcNow() + Lifetime), ct);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, user.Name),
                new Claim(ClaimType, secret),
            ],
            Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>The user of a cookie whose session is live, else null.</summary>
    public static async Task<UserRecord?> FindUserAsync(ClaimsPrincipal principal, IAccessTokenStore tokens, TimeProvider time, CancellationToken ct)
    {
        if (await FindAsync(principal, tokens, ct) is not { } found) return null;
        var now = time.GetUtcNow();
        if (found.Token.RevokedAt is not null || found.Token.ExpiresAt <= now) return null;
        if (found.Token.LastUsedAt is null || now - found.Token.LastUsedAt > TouchInterval) await tokens.TouchAsync(found.Token.Id, now, ct);
        return found.User;
    }

    /// <summary>Ends the session of this cookie (nothing when it has none).</summary>
    public static async Task EndAsync(ClaimsPrincipal principal, IAccessTokenStore tokens, TimeProvider time, CancellationToken ct)
    {
        if (await FindAsync(principal, tokens, ct) is { } found && found.Token.RevokedAt is null)
            await tokens.RevokeAsync(found.User.Id, found.Token.Id, time.GetUtcNow(), ct);
    }

    private static async Task<(AccessTokenRecord Token, UserRecord User)?> FindAsync(ClaimsPrincipal principal, IAccessTokenStore tokens, CancellationToken ct)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(ClaimType) is not { Length: > 3 } secret) return null;
        var found = await tokens.FindByHashAsync(AccessTokens.Hash(secret), ct);
        return found is { } f && f.Token.Role == Role && f.User.Id.ToString(CultureInfo.InvariantCulture) == principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ? f
            : null;
    }
}
