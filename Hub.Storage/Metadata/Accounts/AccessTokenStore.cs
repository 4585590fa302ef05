using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Accounts;

internal sealed class AccessTokenStore(IHubDbContextFactory factory, TimeProvider time) : IAccessTokenStore
{
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
        return updated > 0;
    }
}
