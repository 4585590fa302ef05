using Hub.Storage.Metadata.Lfs;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Maintenance;

internal sealed class MaintenanceStore(IHubDbContextFactory factory) : IMaintenanceStore
{
    private const int Batch = 500;

    public async Task<IReadOnlyList<RepositoryHeadRecord>> ListRepositoryHeadsAsync(string? afterId, int limit, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = db.Repositories.AsNoTracking();
        if (afterId is not null) rows = rows.Where(r => r.Id.CompareTo(afterId) > 0);
        var page = await rows.OrderBy(r => r.Id).Take(Math.Clamp(limit, 1, 1000))
            .Select(r => new { r.Id, r.Type, r.FullName, r.DefaultBranch, r.HeadCommit })
            .ToListAsync(cancellationToken);
        return page.ConvertAll(r => new RepositoryHeadRecord(r.Id, r.Type, r.FullName, r.DefaultBranch, r.HeadCommit));
    }

    public async Task<IReadOnlyList<LfsObjectRecord>> ListLfsObjectsAsync(string? afterOid, DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        var before = DbTime.ToDb(createdBefore);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = db.LfsObjects.AsNoTracking().Where(o => o.CreatedAt < before);
        if (afterOid is not null) rows = rows.Where(o => o.Oid.CompareTo(afterOid) > 0);
        var page = await rows.OrderBy(o => o.Oid).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(cancellationToken);
        return page.ConvertAll(o => new LfsObjectRecord(o.Oid, o.Size, o.Verified, DbTime.FromDb(o.CreatedAt)));
    }

    public async Task<int> SetVerifiedAsync(IReadOnlyCollection<string> oids, bool verified, CancellationToken cancellationToken)
    {
        var changed = 0;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        foreach (var batch in oids.Distinct(StringComparer.Ordinal).Chunk(Batch))
            changed += await db.LfsObjects.Where(o => batch.Contains(o.Oid)).ExecuteUpdateAsync(s => s.SetProperty(o => o.Verified, verified), cancellationToken);
        return changed;
    }

    public async Task<IReadOnlyList<string>> DeleteUnverifiedLfsObjectsAsync(IReadOnlyCollection<string> oids, CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        foreach (var batch in oids.Distinct(StringComparer.Ordinal).Chunk(Batch))
        {
            // Links and rows go together, and only while the object is still unverified (a re-upload verifies it again).
            var doomed = await strategy.ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var unverified = await db.LfsObjects.Where(o => batch.Contains(o.Oid) && !o.Verified).Select(o => o.Oid).ToListAsync(ct);
                if (unverified.Count > 0)
                {
                    await db.RepositoryLfsObjects.Where(l => unverified.Contains(l.Oid)).ExecuteDeleteAsync(ct);
                    await db.LfsObjects.Where(o => unverified.Contains(o.Oid) && !o.Verified).ExecuteDeleteAsync(ct);
                }
                await transaction.CommitAsync(ct);
                return unverified;
            }, cancellationToken);
            deleted.AddRange(doomed);
        }
        return deleted;
    }

    public async Task<IReadOnlySet<string>> FindUploadingAsync(IReadOnlyCollection<string> oids, CancellationToken cancellationToken)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        foreach (var batch in oids.Distinct(StringComparer.Ordinal).Chunk(Batch))
            result.UnionWith(await db.UploadSessions.AsNoTracking().Where(s => batch.Contains(s.Oid)).Select(s => s.Oid).ToListAsync(cancellationToken));
        return result;
    }
}
