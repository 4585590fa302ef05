using System.Security.Cryptography;
using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Repositories;

// Every write below announces itself (MetadataChanges.Repositories) so caches of repositories on the hot paths drop at once.
internal sealed class RepositoryStore(IHubDbContextFactory factory, MetadataChanges changes) : IRepositoryStore
{
    private static readonly string[] Types = ["model", "dataset", "space"];
    private static readonly string[] GatedValues = ["none", "auto", "manual"];

    // Two indexers of the same repository racing on its tag rows settle after one more round.
    private const int MaxAttempts = 3;

    public async Task<RepositoryRecord> CreateAsync(NewRepository repository, CancellationToken cancellationToken)
    {
        CheckType(repository.Type);
        CheckName(repository.Name);
        CheckGated(repository.Gated);
        MetadataNames.CheckLength(repository.Sdk, 32, nameof(repository.Sdk));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var namespaceName = await NamespaceNameAsync(db, repository.NamespaceId, cancellationToken);
        var fullName = $"{namespaceName}/{repository.Name}";
        var normalized = MetadataNames.Normalize(fullName);
        if (await db.Repositories.AsNoTracking().AnyAsync(r => r.Type == repository.Type && r.NormalizedFullName == normalized, cancellationToken))
            throw Exists(repository.Type, fullName, null);

        // A redirect left by an earlier move away from this name would now point at the wrong repository.
        var stale = await db.RepositoryRedirects
            .FirstOrDefaultAsync(r => r.Type == repository.Type && r.NormalizedFullName == normalized, cancellationToken);
        if (stale is not null)
            db.RepositoryRedirects.Remove(stale);

        var createdAt = DbTime.ToDb(repository.CreatedAt);
        var entity = new RepositoryEntity
        {
            Id = NewId(),
            Type = repository.Type,
            NamespaceId = repository.NamespaceId,
            Name = repository.Name,
            FullName = fullName,
            NormalizedFullName = normalized,
            Private = repository.Private,
            Gated = repository.Gated,
            Sdk = repository.Sdk,
            CreatedAt = createdAt,
            LastModified = createdAt,
        };
        db.Repositories.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw Exists(repository.Type, fullName, e);
        }
        return RepositoryMapping.ToRecord(entity);
    }

    public async Task<RepositoryRecord?> FindAsync(string type, string fullName, CancellationToken cancellationToken)
    {
        var normalized = MetadataNames.Normalize(fullName);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Repositories.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Type == type && r.NormalizedFullName == normalized, cancellationToken);
        return entity is null ? null : RepositoryMapping.ToRecord(entity);
    }

    public async Task<RepositoryRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Repositories.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return entity is null ? null : RepositoryMapping.ToRecord(entity);
    }

    public async Task<RepositoryRecord?> FindMovedAsync(string type, string oldFullName, CancellationToken cancellationToken)
    {
        var normalized = MetadataNames.Normalize(oldFullName);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Repositories.AsNoTracking()
            .Where(r => db.RepositoryRedirects.Any(x => x.Type == type && x.NormalizedFullName == normalized && x.RepositoryId == r.Id))
            .FirstOrDefaultAsync(cancellationToken);
        return entity is null ? null : RepositoryMapping.ToRecord(entity);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // The database cascades to tags, likes, downloads, LFS links, upload sessions and redirects.
        var deleted = await db.Repositories.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
        if (deleted) await changes.PublishAsync(MetadataChanges.Repositories, cancellationToken);
        return deleted;
    }

    public async Task<RepositoryRecord> MoveAsync(string id, long newNamespaceId, string newName, DateTimeOffset at, CancellationToken cancellationToken)
    {
        CheckName(newName);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var repo = await db.Repositories.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
                   ?? throw NotFound(id);
        var namespaceName = await NamespaceNameAsync(db, newNamespaceId, cancellationToken);
        var newFullName = $"{namespaceName}/{newName}";
        var newNormalized = MetadataNames.Normalize(newFullName);
        var oldNormalized = repo.NormalizedFullName;

        // A change of case only keeps the same normalized name: nothing to reserve, nothing to redirect.
        if (newNormalized != oldNormalized)
        {
            if (await db.Repositories.AsNoTracking().AnyAsync(r => r.Type == repo.Type && r.NormalizedFullName == newNormalized, cancellationToken))
                throw Exists(repo.Type, newFullName, null);
            var redirects = await db.RepositoryRedirects
                .Where(r => r.Type == repo.Type && (r.NormalizedFullName == newNormalized || r.NormalizedFullName == oldNormalized))
                .ToListAsync(cancellationToken);
            // The new name is a live repository from now on, so no redirect may claim it (not even one back to us).
            db.RepositoryRedirects.RemoveRange(redirects.Where(r => r.NormalizedFullName == newNormalized));
            if (redirects.FirstOrDefault(r => r.NormalizedFullName == oldNormalized) is { } old)
            {
                old.RepositoryId = repo.Id;
                old.CreatedAt = DbTime.ToDb(at);
            }
            else
            {
                db.RepositoryRedirects.Add(new RepositoryRedirectEntity
                {
                    Type = repo.Type, NormalizedFullName = oldNormalized, RepositoryId = repo.Id, CreatedAt = DbTime.ToDb(at),
                });
            }
        }

        repo.NamespaceId = newNamespaceId;
        repo.Name = newName;
        repo.FullName = newFullName;
        repo.NormalizedFullName = newNormalized;
        try
        {
            // One SaveChanges: the rename and the redirects commit together or not at all.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw Exists(repo.Type, newFullName, e);
        }
        await changes.PublishAsync(MetadataChanges.Repositories, cancellationToken);
        return RepositoryMapping.ToRecord(repo);
    }

    public async Task<RepositoryRecord> UpdateSettingsAsync(string id, bool? isPrivate, string? gated, CancellationToken cancellationToken)
    {
        if (gated is not null)
            CheckGated(gated);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var repo = await db.Repositories.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
                   ?? throw NotFound(id);
        repo.Private = isPrivate ?? repo.Private;
        repo.Gated = gated ?? repo.Gated;
        await db.SaveChangesAsync(cancellationToken);
        await changes.PublishAsync(MetadataChanges.Repositories, cancellationToken);
        return RepositoryMapping.ToRecord(repo);
    }

    public async Task UpdateIndexAsync(string id, RepositoryIndexUpdate update, CancellationToken cancellationToken)
    {
        MetadataNames.CheckLength(update.HeadCommit, 40, nameof(update.HeadCommit));
        MetadataNames.CheckLength(update.PipelineTag, 64, nameof(update.PipelineTag));
        MetadataNames.CheckLength(update.LibraryName, 64, nameof(update.LibraryName));
        var tags = update.Tags.Where(t => !string.IsNullOrEmpty(t)).ToHashSet(StringComparer.Ordinal);
        foreach (var tag in tags)
            MetadataNames.CheckLength(tag, 200, "tag");

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var repo = await db.Repositories.Include(r => r.Tags).FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
                       ?? throw NotFound(id);
            repo.HeadCommit = update.HeadCommit;
            repo.LastModified = DbTime.ToDb(update.LastModified);
            repo.CardData = update.CardData;
            repo.PipelineTag = update.PipelineTag;
            repo.LibraryName = update.LibraryName;
            repo.IndexedData = update.IndexedData;
            repo.SearchText = update.SearchText;
            repo.TagNames = tags.Order(StringComparer.Ordinal).ToArray();
            // Replace the tag set by its difference so unchanged tags are not deleted and re-inserted.
            db.RepositoryTags.RemoveRange(repo.Tags.Where(t => !tags.Contains(t.Tag)));
            var kept = repo.Tags.Select(t => t.Tag).ToHashSet(StringComparer.Ordinal);
            db.RepositoryTags.AddRange(tags.Where(t => !kept.Contains(t)).Select(t => new RepositoryTagEntity { RepositoryId = id, Tag = t }));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await changes.PublishAsync(MetadataChanges.Repositories, cancellationToken);
                return;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && attempt < MaxAttempts)
            {
                // Another indexer wrote tags meanwhile; the latest call wins, so read again and redo.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<RepositoryPage> ListAsync(RepositoryQuery query, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await RepositoryListQuery.RunAsync(db, query, cancellationToken);
    }

    /// <summary>
    /// PostgreSQL's <c>EXPLAIN (ANALYZE, BUFFERS)</c> of the page query <see cref="ListAsync"/> sends, run with the same
    /// parameters (for the bench: query cost apart from the hub's own).
    /// </summary>
    internal async Task<string> ExplainListAsync(RepositoryQuery query, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await RepositoryListQuery.ExplainAsync(db, query, cancellationToken);
    }

    /// <summary>24 lower-case hex characters from 96 random bits: stable across renames, never guessable from the name.</summary>
    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private static async Task<string> NamespaceNameAsync(HubDbContext db, long namespaceId, CancellationToken ct) =>
        await db.Namespaces.AsNoTracking().Where(n => n.Id == namespaceId).Select(n => n.Name).FirstOrDefaultAsync(ct)
        ?? throw new ArgumentException($"Namespace {namespaceId} does not exist.", nameof(namespaceId));

    private static RepositoryExistsException Exists(string type, string fullName, Exception? inner)
    {
        var message = $"A {type} repository named '{fullName}' already exists.";
        return inner is null ? new RepositoryExistsException(message) : new RepositoryExistsException(message, inner);
    }

    private static KeyNotFoundException NotFound(string id) => new($"Repository {id} does not exist.");

    private static void CheckType(string type)
    {
        if (!Types.Contains(type, StringComparer.Ordinal))
            throw new ArgumentOutOfRangeException(nameof(type), type, "The type must be model, dataset or space.");
    }

    private static void CheckGated(string gated)
    {
        if (!GatedValues.Contains(gated, StringComparer.Ordinal))
            throw new ArgumentOutOfRangeException(nameof(gated), gated, "Gated must be none, auto or manual.");
    }

    private static void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        MetadataNames.CheckLength(name, 96, nameof(name));
        if (name.Contains('/', StringComparison.Ordinal))
            throw new ArgumentException("A repository name cannot contain '/'.", nameof(name));
    }
}
