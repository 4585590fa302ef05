using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Gating;

internal sealed class AccessRequestStore(IHubDbContextFactory factory) : IAccessRequestStore
{
    private const int MaxLimit = 1000;
    private const int MaxFieldsLength = 16 * 1024;

    public async Task<AccessRequestRecord> RequestAsync(
        string repositoryId, long userId, string status, string? fields, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Check(status);
        MetadataNames.CheckLength(fields, MaxFieldsLength, nameof(fields));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await FindAsync(db, repositoryId, userId, cancellationToken) is { } existing) return existing;
        var now = DbTime.ToDb(at);
        db.AccessRequests.Add(new AccessRequestEntity
        {
            RepositoryId = repositoryId, UserId = userId, Status = status, Fields = fields, CreatedAt = now, UpdatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The same user asked twice at once: the first request stands.
        }
        return (await FindAsync(db, repositoryId, userId, cancellationToken))!;
    }

    public async Task<AccessRequestRecord?> GetAsync(string repositoryId, long userId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await FindAsync(db, repositoryId, userId, cancellationToken);
    }

    public async Task<IReadOnlyList<AccessRequestRecord>> ListAsync(string repositoryId, string status, int limit, CancellationToken cancellationToken)
    {
        Check(status);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await Query(db, repositoryId).Where(x => x.R.Status == status)
            .OrderBy(x => x.R.CreatedAt).ThenBy(x => x.R.UserId)
            .Take(Math.Clamp(limit, 1, MaxLimit))
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(x => ToRecord(x.R, x.Name, x.FullName, x.Email));
    }

    public async Task<bool> SetStatusAsync(
        string repositoryId, long userId, string status, long? decidedByUserId, DateTimeOffset at, bool createIfMissing, CancellationToken cancellationToken)
    {
        Check(status);
        var now = DbTime.ToDb(at);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var updated = await db.AccessRequests.Where(r => r.RepositoryId == repositoryId && r.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.UpdatedAt, now).SetProperty(r => r.DecidedByUserId, decidedByUserId), cancellationToken);
        if (updated > 0) return true;
        if (!createIfMissing) return false;
        db.AccessRequests.Add(new AccessRequestEntity
        {
            RepositoryId = repositoryId, UserId = userId, Status = status, CreatedAt = now, UpdatedAt = now, DecidedByUserId = decidedByUserId,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The user asked at the same moment: the admin's decision wins.
            db.ChangeTracker.Clear();
            await db.AccessRequests.Where(r => r.RepositoryId == repositoryId && r.UserId == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.UpdatedAt, now).SetProperty(r => r.DecidedByUserId, decidedByUserId), cancellationToken);
        }
        return true;
    }

    private static IQueryable<Joined> Query(HubDbContext db, string repositoryId) =>
        db.AccessRequests.AsNoTracking().Where(r => r.RepositoryId == repositoryId)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { r, u.Email })
            .Join(db.Namespaces, x => x.r.UserId, n => n.Id, (x, n) => new Joined { R = x.r, Email = x.Email, Name = n.Name, FullName = n.FullName });

    private static async Task<AccessRequestRecord?> FindAsync(HubDbContext db, string repositoryId, long userId, CancellationToken cancellationToken)
    {
        var row = await Query(db, repositoryId).Where(x => x.R.UserId == userId).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToRecord(row.R, row.Name, row.FullName, row.Email);
    }

    private static AccessRequestRecord ToRecord(AccessRequestEntity r, string name, string? fullName, string? email) =>
        new(r.RepositoryId, r.UserId, name, fullName, email, r.Status, r.Fields, DbTime.FromDb(r.CreatedAt), DbTime.FromDb(r.UpdatedAt), r.DecidedByUserId);

    private static void Check(string status)
    {
        if (!AccessRequestStatus.IsValid(status))
            throw new ArgumentException($"Unknown access request status '{status}'.", nameof(status));
    }

    private sealed class Joined
    {
        public required AccessRequestEntity R { get; init; }
        public string? Email { get; init; }
        public required string Name { get; init; }
        public string? FullName { get; init; }
    }
}
