using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Scanning;

internal sealed class FileScanStore(IHubDbContextFactory factory) : IFileScanStore
{
    private const int Batch = 500;

    public async Task<IReadOnlyDictionary<string, FileScanRecord>> GetManyAsync(IReadOnlyCollection<string> contentKeys, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, FileScanRecord>(StringComparer.Ordinal);
        if (contentKeys.Count == 0) return result;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        foreach (var batch in contentKeys.Distinct(StringComparer.Ordinal).Chunk(Batch))
        {
            var rows = await db.FileScans.AsNoTracking().Where(s => batch.Contains(s.ContentKey)).ToListAsync(cancellationToken);
            foreach (var row in rows) result[row.ContentKey] = ToRecord(row);
        }
        return result;
    }

    public async Task PutAsync(FileScanRecord record, CancellationToken cancellationToken)
    {
        MetadataNames.CheckLength(record.ContentKey, 80, nameof(record.ContentKey));
        MetadataNames.CheckLength(record.Status, 16, nameof(record.Status));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var at = DbTime.ToDb(record.ScannedAt);
        for (var attempt = 1; ; attempt++)
        {
            var updated = await db.FileScans.Where(s => s.ContentKey == record.ContentKey).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, record.Status)
                .SetProperty(x => x.PickleImports, record.PickleImports)
                .SetProperty(x => x.Issues, record.Issues)
                .SetProperty(x => x.ScannerVersion, record.ScannerVersion)
                .SetProperty(x => x.ScannedAt, at), cancellationToken);
            if (updated > 0) return;
            db.FileScans.Add(new FileScanEntity
            {
                ContentKey = record.ContentKey, Status = record.Status, PickleImports = record.PickleImports, Issues = record.Issues,
                ScannerVersion = record.ScannerVersion, ScannedAt = at,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && attempt < 3)
            {
                // Two commits of the same bytes scanned at once: update the row the other one wrote.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<IReadOnlyList<FileScanRecord>> ListAsync(string status, int limit, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.FileScans.AsNoTracking().Where(s => s.Status == status)
            .OrderByDescending(s => s.ScannedAt).ThenBy(s => s.ContentKey)
            .Take(Math.Clamp(limit, 1, 1000)).ToListAsync(cancellationToken);
        return rows.ConvertAll(ToRecord);
    }

    private static FileScanRecord ToRecord(FileScanEntity s) =>
        new(s.ContentKey, s.Status, s.PickleImports, s.Issues, s.ScannerVersion, DbTime.FromDb(s.ScannedAt));
}
