using System.Collections.Concurrent;
using Hub.Storage.Metadata.Accounts;

namespace Hub.Api.Features.Inference;

/// <summary>
/// Reuses token lookups for a few seconds (<see cref="InferenceApiOptions.TokenCacheSeconds"/>): every request is
/// identified by its token before routing, and the query was a measurable share of an inference call's latency.
/// Only found tokens are cached; a revoke through this process drops the token at once, other processes see it within
/// the TTL. Touches update the cached record so the caller's once-a-minute touch throttle keeps working.
/// </summary>
internal sealed class CachingAccessTokenStore(IAccessTokenStore inner, TimeProvider time, TimeSpan ttl) : IAccessTokenStore
{
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<string, (AccessTokenRecord Token, UserRecord User, long At)> byHash = new(StringComparer.Ordinal);

    public Task<AccessTokenRecord> AddAsync(NewAccessToken token, CancellationToken cancellationToken) => inner.AddAsync(token, cancellationToken);

    public async Task<(AccessTokenRecord Token, UserRecord User)?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        if (byHash.TryGetValue(tokenHash, out var hit) && time.GetElapsedTime(hit.At) < ttl) return (hit.Token, hit.User);
        var found = await inner.FindByHashAsync(tokenHash, cancellationToken);
        if (found is { } f)
        {
            if (byHash.Count >= MaxCached) byHash.Clear();
            byHash[tokenHash] = (f.Token, f.User, time.GetTimestamp());
        }
        else
        {
            byHash.TryRemove(tokenHash, out _);
        }
        return found;
    }

    public async Task TouchAsync(long tokenId, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        await inner.TouchAsync(tokenId, usedAt, cancellationToken);
        foreach (var (hash, entry) in byHash)
            if (entry.Token.Id == tokenId) byHash.TryUpdate(hash, entry with { Token = entry.Token with { LastUsedAt = usedAt } }, entry);
    }

    public Task<IReadOnlyList<AccessTokenRecord>> ListAsync(long userId, CancellationToken cancellationToken) => inner.ListAsync(userId, cancellationToken);

    public async Task<bool> RevokeAsync(long userId, long tokenId, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        var revoked = await inner.RevokeAsync(userId, tokenId, revokedAt, cancellationToken);
        foreach (var (hash, entry) in byHash)
            if (entry.Token.Id == tokenId) byHash.TryRemove(hash, out _);
        return revoked;
    }
}
