using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Audit;

internal sealed class AuditLog(IHubDbContextFactory factory) : IAuditLog
{
    private const int MaxLimit = 1000;

    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Action);
        MetadataNames.CheckLength(entry.Action, 64, nameof(entry.Action));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.AuditLog.Add(new AuditEntryEntity
        {
            At = DbTime.ToDb(entry.At),
            ActorUserId = entry.ActorUserId,
            Action = entry.Action,
            // Target and address come from the request; an over-long one must not make the action it records fail.
            Target = Truncate(entry.Target, 256),
            Details = entry.Details,
            RemoteAddress = Truncate(entry.RemoteAddress, 64),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(
        long? actorUserId, string? action, DateTimeOffset? before, int limit, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditLog.AsNoTracking();
        if (actorUserId is { } actor)
            query = query.Where(a => a.ActorUserId == actor);
        if (action is not null)
            query = query.Where(a => a.Action == action);
        if (before is { } b)
        {
            var beforeAt = DbTime.ToDb(b);
            query = query.Where(a => a.At < beforeAt);
        }
        var rows = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(Math.Clamp(limit, 1, MaxLimit))
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(a => new AuditEntry(DbTime.FromDb(a.At), a.ActorUserId, a.Action, a.Target, a.Details, a.RemoteAddress));
    }

    private static string? Truncate(string? value, int maxLength) =>
        value is not null && value.Length > maxLength ? value[..maxLength] : value;
}
