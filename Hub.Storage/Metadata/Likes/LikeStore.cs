using System.Globalization;
using Hub.Storage.Metadata.Entities;
using Hub.Storage.Metadata.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Likes;

internal sealed class LikeStore(IHubDbContextFactory factory, MetadataChanges changes) : ILikeStore
{
    private const int MaxLimit = 1000;

    public async Task<bool> LikeAsync(long userId, string repositoryId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        bool liked;
        try
        {
            liked = await db.InTransactionAsync(async ct =>
            {
                if (await db.Likes.AnyAsync(l => l.UserId == userId && l.RepositoryId == repositoryId, ct))
                    return false;
                db.Likes.Add(new LikeEntity { UserId = userId, RepositoryId = repositoryId, CreatedAt = DbTime.ToDb(at) });
                await db.SaveChangesAsync(ct);
                await RecountAsync(db, repositoryId, ct);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The same user liked it from another request meanwhile.
            return false;
        }
        // Lists show like counts and sort on them (cached in every process).
        if (liked) await changes.PublishAsync(MetadataChanges.Listings, cancellationToken);
        return liked;
    }

    public async Task<bool> UnlikeAsync(long userId, string repositoryId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var unliked = await db.InTransactionAsync(async ct =>
        {
            var removed = await db.Likes.Where(l => l.UserId == userId && l.RepositoryId == repositoryId).ExecuteDeleteAsync(ct);
            if (removed > 0)
                await RecountAsync(db, repositoryId, ct);
            return removed > 0;
        }, cancellationToken);
        if (unliked) await changes.PublishAsync(MetadataChanges.Listings, cancellationToken);
        return unliked;
    }

    public async Task<bool> IsLikedAsync(long userId, string repositoryId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Likes.AsNoTracking().AnyAsync(l => l.UserId == userId && l.RepositoryId == repositoryId, cancellationToken);
    }

    public async Task<LikePage<LikerRecord>> ListLikersAsync(string repositoryId, string? cursor, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = db.Likes.AsNoTracking().Where(l => l.RepositoryId == repositoryId);
        if (cursor is not null)
        {
            var c = LikeCursor.Decode(cursor);
            if (!long.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var afterUser))
                throw new ArgumentException("The cursor is not one this hub handed out.", nameof(cursor));
            var at = c.At;
            rows = rows.Where(l => l.CreatedAt < at || (l.CreatedAt == at && l.UserId < afterUser));
        }
        var page = await rows.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.UserId)
            .Join(db.Namespaces, l => l.UserId, n => n.Id, (l, n) => new { l.UserId, l.CreatedAt, n.Name, n.FullName })
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        var next = page.Count > limit
            ? new LikeCursor(page[limit - 1].CreatedAt.Ticks, page[limit - 1].UserId.ToString(CultureInfo.InvariantCulture)).Encode()
            : null;
        return new LikePage<LikerRecord>(
            page.Take(limit).Select(l => new LikerRecord(l.UserId, l.Name, l.FullName, DbTime.FromDb(l.CreatedAt))).ToList(), next);
    }

    public async Task<LikePage<LikedRepositoryRecord>> ListLikesOfUserAsync(
        long userId, RepositoryViewer viewer, string? cursor, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var own = viewer.NamespaceIds.Distinct().ToArray();
        var admin = viewer.IsAdmin;
        var ids = viewer.RepositoryIds?.Distinct(StringComparer.Ordinal).ToArray() ?? [];
        var rows = db.Likes.AsNoTracking().Where(l => l.UserId == userId)
            .Join(db.Repositories, l => l.RepositoryId, r => r.Id, (l, r) => new { l.CreatedAt, r.Id, r.Type, r.FullName, r.Private, r.NamespaceId })
            .Where(x => admin || !x.Private || own.Contains(x.NamespaceId) || ids.Contains(x.Id));
        if (cursor is not null)
        {
            var c = LikeCursor.Decode(cursor);
            var (at, afterId) = (c.At, c.Key);
            rows = rows.Where(x => x.CreatedAt < at || (x.CreatedAt == at && x.Id.CompareTo(afterId) < 0));
        }
        var page = await rows.OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? new LikeCursor(page[limit - 1].CreatedAt.Ticks, page[limit - 1].Id).Encode() : null;
        return new LikePage<LikedRepositoryRecord>(
            page.Take(limit).Select(x => new LikedRepositoryRecord(x.Id, x.Type, x.FullName, DbTime.FromDb(x.CreatedAt))).ToList(), next);
    }

    /// <summary>Sets the row's count from the likes themselves, so concurrent likes and unlikes never drift it.</summary>
    private static Task<int> RecountAsync(HubDbContext db, string repositoryId, CancellationToken ct) =>
        db.Repositories.Where(r => r.Id == repositoryId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Likes, r => db.Likes.Count(l => l.RepositoryId == r.Id)), ct);
}
