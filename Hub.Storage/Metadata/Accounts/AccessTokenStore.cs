using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Accounts;

/// <remarks>
/// Token lookups run on every authenticated request, so found tokens are cached by hash for up to
/// <see cref="CacheLifetime"/>, and only while <see cref="MetadataChanges.IsLive"/>: a revocation in any hub process
/// drops every cached token in all of them (<see cref="MetadataChanges.Tokens"/>), so it takes effect at once.
/// Unknown hashes are never cached (a new token works on its first request).
/// </remarks>
internal sealed class AccessTokenStore : IAccessTokenStore
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private const int CacheLimit = 10_000;
    private readonly IHubDbContextFactory factory;
    private readonly TimeProvider time;
    private readonly MetadataChanges changes;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Cached> cache = new(StringComparer.Ordinal);

    public AccessTokenStore(IHubDbContextFactory factory, TimeProvider time, MetadataChanges changes)
    {
        this.factory = factory;
        this.time = time;
        this.changes = changes;
        changes.Subscribe(topic =>
        {
            if (topic is MetadataChanges.Tokens or "*") cache.Clear();
        });
    }

    public async Task<AccessTokenRecord> AddAsync(NewAccessToken token, CancellationToken cancellationToken)
    {
        MetadataNames.CheckLength(token.DisplayName, 128, nameof(token.DisplayName));
        MetadataNames.CheckLength(token.TokenHash, 64, nameof(token.TokenHash));
        MetadataNames.CheckLength(token.Prefix, 16, nameof(token.Prefix));
        MetadataNames.CheckLength(token.Role, 16, nameof(token.Role));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = new AccessTokenEntity
        {
            UserId = token.UserId,
            DisplayName = token.DisplayName,
            TokenHash = token.TokenHash,
            Prefix = token.Prefix,
            Role = token.Role,
            Scopes = token.Scopes,
            CreatedAt = DbTime.Now(time),
            ExpiresAt = DbTime.ToDb(token.ExpiresAt),
        };
        db.AccessTokens.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return AccountMapping.ToRecord(entity);
    }

    public async Task<(AccessTokenRecord Token, UserRecord User)?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (changes.IsLive && cache.TryGetValue(tokenHash, out var hit) && time.GetElapsedTime(hit.At, now) < CacheLifetime)
            return (hit.Token, hit.User);
        var generation = changes.Generation;
        var found = await FindInDatabaseAsync(tokenHash, cancellationToken);
        if (found is { } f && changes.IsLive && changes.Generation == generation)
        {
            if (cache.Count >= CacheLimit) cache.Clear();
            cache[tokenHash] = new Cached(f.Token, f.User, now);
        }
        return found;
    }

    private async Task<(AccessTokenRecord Token, UserRecord User)?> FindInDatabaseAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // Runs on every authenticated request: one round trip for the token, its user and the user's name.
        var row = await (
                from t in db.AccessTokens.AsNoTracking()
                where t.TokenHash == tokenHash
                join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                join n in db.Namespaces.AsNoTracking() on u.Id equals n.Id
                select new { Token = t, User = u, Namespace = n })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (AccountMapping.ToRecord(row.Token), AccountMapping.ToRecord(row.Namespace, row.User));
    }

    public async Task TouchAsync(long tokenId, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        var at = DbTime.ToDb(usedAt);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.AccessTokens.Where(t => t.Id == tokenId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, at), cancellationToken);
        // The cached copy learns the time too, or every request after the first minute would touch again.
        foreach (var (hash, entry) in cache)
        {
            if (entry.Token.Id == tokenId) cache.TryUpdate(hash, entry with { Token = entry.Token with { LastUsedAt = DbTime.FromDb(at) } }, entry);
        }
    }

    public async Task<IReadOnlyList<AccessTokenRecord>> ListAsync(long userId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .ToListAsync(cancellationToken);
        return tokens.ConvertAll(AccountMapping.ToRecord);
    }

    public async Task<bool> RevokeAsync(long userId, long tokenId, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        DateTime? at = DbTime.ToDb(revokedAt);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // A second revoke keeps the first time: that is when the token stopped working.
        var updated = await db.AccessTokens.Where(t => t.Id == tokenId && t.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, t => t.RevokedAt ?? at), cancellationToken);
        if (updated > 0) await changes.PublishAsync(MetadataChanges.Tokens, cancellationToken);
        return updated > 0;
    }

    public async Task<int> DeleteEndedAsync(string role, DateTimeOffset endedBefore, CancellationToken cancellationToken)
    {
        var at = DbTime.ToDb(endedBefore);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // Ended rows only: whatever is deleted here no longer authenticates anyone, so no cache needs dropping.
        return await db.AccessTokens
            .Where(t => t.Role == role && ((t.RevokedAt != null && t.RevokedAt < at) || (t.ExpiresAt != null && t.ExpiresAt < at)))
            .ExecuteDeleteAsync(cancellationToken);
    }

    private sealed record Cached(AccessTokenRecord Token, UserRecord User, long At);
}
