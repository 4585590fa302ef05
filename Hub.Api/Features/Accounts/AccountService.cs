using Hub.Api.Auth;
using Hub.Storage.Metadata.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Hub.Api.Features.Accounts;

/// <summary>Passwords (ASP.NET Core's PBKDF2 hasher) and tokens (shown once, stored hashed).</summary>
public sealed class AccountService(IAccountStore accounts, IAccessTokenStore tokens, TimeProvider time)
{
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object Subject = new();

    public const int MinPasswordLength = 8;

    public Task<UserRecord> SignUpAsync(string name, string password, string? email, string? fullName, bool isAdmin, CancellationToken ct) =>
        accounts.CreateUserAsync(name, fullName, email, Hasher.HashPassword(Subject, password), isAdmin, ct);

    /// <summary>The user when the password matches, else null (same answer for unknown users: no user enumeration).</summary>
    public async Task<UserRecord?> VerifyPasswordAsync(string name, string password, CancellationToken ct)
    {
        var user = await accounts.FindUserAsync(name, ct);
        var hash = user is null ? null : await accounts.GetPasswordHashAsync(user.Id, ct);
        if (user is null || string.IsNullOrEmpty(hash))
        {
            Hasher.HashPassword(Subject, password); // spend the same time as a real check
            return null;
        }
        var result = Hasher.VerifyHashedPassword(Subject, hash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            await accounts.SetPasswordHashAsync(user.Id, Hasher.HashPassword(Subject, password), ct);
        return result == PasswordVerificationResult.Failed ? null : user;
    }

    /// <summary>Creates a token; the secret is returned only here.</summary>
    public async Task<(AccessTokenRecord Token, string Secret)> CreateTokenAsync(long userId, string displayName, string role, TimeSpan? lifetime, CancellationToken ct, string? scopes = null)
    {
        var secret = AccessTokens.NewSecret();
        var expires = lifetime is { } l ? time.GetUtcNow() + l : (DateTimeOffset?)null;
        var record = await tokens.AddAsync(new NewAccessToken(userId, displayName, AccessTokens.Hash(secret), AccessTokens.DisplayPrefix(secret), role, scopes, expires), ct);
        return (record, secret);
    }

    /// <summary>Stores a token whose secret an operator chose (the bootstrap admin token).</summary>
    public Task<AccessTokenRecord> ImportTokenAsync(long userId, string displayName, string secret, string role, CancellationToken ct) =>
        tokens.AddAsync(new NewAccessToken(userId, displayName, AccessTokens.Hash(secret), AccessTokens.DisplayPrefix(secret), role, null, null), ct);
}
