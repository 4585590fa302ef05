using System.Text.Json;
using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Revisions;

internal sealed class RevisionIndexStore(IHubDbContextFactory factory, TimeProvider time) : IRevisionIndexStore
{
    public async Task<RevisionIndexRecord?> GetAsync(string repositoryId, string commitId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.RepositoryRevisions.AsNoTracking()
            .FirstOrDefaultAsync(r => r.RepositoryId == repositoryId && r.CommitId == commitId, cancellationToken);
        return row is null
            ? null
            : new RevisionIndexRecord(row.RepositoryId, row.CommitId, DbTime.FromDb(row.LastModified), row.CardData, row.PipelineTag,
                row.LibraryName, row.IndexedData, JsonSerializer.Deserialize<string[]>(row.Tags) ?? []);
    }

    public async Task PutAsync(RevisionIndexRecord record, CancellationToken cancellationToken)
    {
        MetadataNames.CheckLength(record.CommitId, 40, nameof(record.CommitId));
        MetadataNames.CheckLength(record.PipelineTag, 64, nameof(record.PipelineTag));
        MetadataNames.CheckLength(record.LibraryName, 64, nameof(record.LibraryName));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.RepositoryRevisions.AnyAsync(r => r.RepositoryId == record.RepositoryId && r.CommitId == record.CommitId, cancellationToken))
            return;
        db.RepositoryRevisions.Add(new RepositoryRevisionEntity
        {
            RepositoryId = record.RepositoryId,
            CommitId = record.CommitId,
            LastModified = DbTime.ToDb(record.LastModified),
            CardData = record.CardData,
            PipelineTag = record.PipelineTag,
            LibraryName = record.LibraryName,
            IndexedData = record.IndexedData,
            Tags = JsonSerializer.Serialize(record.Tags),
            IndexedAt = DbTime.Now(time),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another indexer stored the same commit meanwhile: its row is the same as ours would be.
        }
    }
}
