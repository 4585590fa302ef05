using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Lfs;

internal sealed class LfsObjectStore(IHubDbContextFactory factory) : ILfsObjectStore
{
    // Writers racing on the same rows settle after one more round; a bound keeps a persistent fault from looping.
    private const int MaxAttempts = 5;

    // Keeps IN lists well under the providers' parameter limits (SQLite 32766, PostgreSQL 65535) for huge pushes.
    private const int Batch = 500;

    public async Task<LfsObjectRecord?> GetAsync(string oid, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var o = await db.LfsObjects.AsNoTracking().FirstOrDefaultAsync(x => x.Oid == oid, cancellationToken);
        return o is null ? null : new LfsObjectRecord(o.Oid, o.Size, o.Verified, DbTime.FromDb(o.CreatedAt));
    }

    public async Task MarkVerifiedAsync(string oid, long size, DateTimeOffset at, CancellationToken cancellationToken)
    {
        MetadataNames.CheckLength(oid, 64, nameof(oid));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await SetVerifiedAsync(db, oid, size, cancellationToken))
            return;
        db.LfsObjects.Add(new LfsObjectEntity { Oid = oid, Size = size, Verified = true, CreatedAt = DbTime.ToDb(at) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another upload of the same bytes recorded the object first; make sure it reads verified.
            await SetVerifiedAsync(db, oid, size, cancellationToken);
        }
    }

    public async Task LinkAsync(string repositoryId, IReadOnlyCollection<string> oids, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var createdAt = DbTime.ToDb(at);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        foreach (var batch in oids.Distinct(StringComparer.Ordinal).Chunk(Batch))
            await LinkBatchAsync(db, repositoryId, batch, createdAt, cancellationToken);
    }

    private static async Task LinkBatchAsync(HubDbContext db, string repositoryId, string[] wanted, DateTime createdAt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = await db.RepositoryLfsObjects.AsNoTracking()
                .Where(l => l.RepositoryId == repositoryId && wanted.Contains(l.Oid))
                .Select(l => l.Oid)
                .ToListAsync(cancellationToken);
            var missing = wanted.Except(existing, StringComparer.Ordinal).ToList();
            if (missing.Count == 0)
                return;
            db.RepositoryLfsObjects.AddRange(missing.Select(oid => new RepositoryLfsObjectEntity
            {
                RepositoryId = repositoryId, Oid = oid, CreatedAt = createdAt,
            }));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && attempt < MaxAttempts)
            {
                // A concurrent push linked some of them first and the whole batch was rolled back: look again.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<LfsObjectRecord?> GetLinkedAsync(string repositoryId, string oid, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var o = await db.LfsObjects.AsNoTracking()
            .FirstOrDefaultAsync(x => x.Oid == oid && x.Verified
                                      && db.RepositoryLfsObjects.Any(l => l.RepositoryId == repositoryId && l.Oid == oid), cancellationToken);
        return o is null ? null : new LfsObjectRecord(o.Oid, o.Size, o.Verified, DbTime.FromDb(o.CreatedAt));
    }

    public async Task<bool> IsLinkedAsync(string repositoryId, string oid, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.RepositoryLfsObjects.AsNoTracking()
            .AnyAsync(l => l.RepositoryId == repositoryId && l.Oid == oid, cancellationToken);
    }

    public async Task<IReadOnlySet<string>> FindVerifiedAsync(IReadOnlyCollection<string> oids, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (oids.Count == 0)
            return found;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        foreach (var batch in oids.Distinct(StringComparer.Ordinal).Chunk(Batch))
        {
            found.UnionWith(await db.LfsObjects.AsNoTracking()
                .Where(o => o.Verified && batch.Contains(o.Oid))
                .Select(o => o.Oid)
                .ToListAsync(cancellationToken));
        }
        return found;
    }

    public async Task<UploadSessionRecord?> GetSessionForObjectAsync(string oid, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var s = await db.UploadSessions.AsNoTracking().FirstOrDefaultAsync(x => x.Oid == oid, cancellationToken);
        return s is null ? null : ToRecord(s);
    }

    public async Task<UploadSessionRecord?> GetSessionAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var s = await db.UploadSessions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        return s is null ? null : ToRecord(s);
    }

    public async Task<UploadSessionRecord> CreateSessionAsync(UploadSessionRecord session, CancellationToken cancellationToken)
    {
        MetadataNames.CheckLength(session.Id, 32, nameof(session.Id));
        MetadataNames.CheckLength(session.Oid, 64, nameof(session.Oid));
        MetadataNames.CheckLength(session.StagingKey, 200, nameof(session.StagingKey));
        MetadataNames.CheckLength(session.MultipartUploadId, 256, nameof(session.MultipartUploadId));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await db.UploadSessions.AsNoTracking().FirstOrDefaultAsync(x => x.Oid == session.Oid, cancellationToken);
            if (existing is not null)
                return ToRecord(existing);
            var entity = ToEntity(session);
            db.UploadSessions.Add(entity);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return ToRecord(entity);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && attempt < MaxAttempts)
            {
                // Another client started an upload of the same object meanwhile: answer with its session.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task DeleteSessionAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.UploadSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UploadSessionRecord>> ListExpiredSessionsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var at = DbTime.ToDb(now);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.UploadSessions.AsNoTracking()
            .Where(s => s.ExpiresAt < at)
            .OrderBy(s => s.ExpiresAt).ThenBy(s => s.Id)
            .Take(Math.Clamp(limit, 1, 1000))
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(ToRecord);
    }

    private static async Task<bool> SetVerifiedAsync(HubDbContext db, string oid, long size, CancellationToken ct) =>
        await db.LfsObjects.Where(o => o.Oid == oid)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Verified, true).SetProperty(o => o.Size, size), ct) > 0;

    private static UploadSessionRecord ToRecord(UploadSessionEntity s) =>
        new(s.Id, s.RepositoryId, s.Oid, s.Size, s.StagingKey, s.MultipartUploadId, s.ChunkSize, s.PartCount,
            DbTime.FromDb(s.CreatedAt), DbTime.FromDb(s.ExpiresAt));

    private static UploadSessionEntity ToEntity(UploadSessionRecord s) => new()
    {
        Id = s.Id,
        RepositoryId = s.RepositoryId,
        Oid = s.Oid,
        Size = s.Size,
        StagingKey = s.StagingKey,
        MultipartUploadId = s.MultipartUploadId,
        ChunkSize = s.ChunkSize,
        PartCount = s.PartCount,
        CreatedAt = DbTime.ToDb(s.CreatedAt),
        ExpiresAt = DbTime.ToDb(s.ExpiresAt),
    };
}
