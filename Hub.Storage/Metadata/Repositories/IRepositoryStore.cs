namespace Hub.Storage.Metadata.Repositories;

/// <summary>Repository metadata: identity, settings, the index of the default branch, listing and search.</summary>
/// <remarks>Full names are <c>namespace/name</c>, looked up ignoring case, unique per type.</remarks>
public interface IRepositoryStore
{
    /// <summary>Creates the row (with a fresh 24-hex id). Throws <see cref="RepositoryExistsException"/>.</summary>
    Task<RepositoryRecord> CreateAsync(NewRepository repository, CancellationToken cancellationToken);

    /// <summary>The repository of <paramref name="type"/> named <paramref name="fullName"/> (any case), or null.</summary>
    Task<RepositoryRecord?> FindAsync(string type, string fullName, CancellationToken cancellationToken);

    /// <summary>The repository by id, or null.</summary>
    Task<RepositoryRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The current record of a repository that was moved away from <paramref name="oldFullName"/>, or null.</summary>
    Task<RepositoryRecord?> FindMovedAsync(string type, string oldFullName, CancellationToken cancellationToken);

    /// <summary>Deletes the row and everything hanging off it (tags, likes, downloads, LFS links, redirects).</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Renames / moves to another namespace, remembering the old name for redirects. Throws <see cref="RepositoryExistsException"/>.</summary>
    Task<RepositoryRecord> MoveAsync(string id, long newNamespaceId, string newName, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Changes visibility and/or gating (null: unchanged).</summary>
    Task<RepositoryRecord> UpdateSettingsAsync(string id, bool? isPrivate, string? gated, CancellationToken cancellationToken);

    /// <summary>Stores what indexing the default branch found (head, last modified, card, tags…).</summary>
    Task UpdateIndexAsync(string id, RepositoryIndexUpdate update, CancellationToken cancellationToken);

    /// <summary>Lists or searches repositories visible to the viewer, with keyset pagination.</summary>
    Task<RepositoryPage> ListAsync(RepositoryQuery query, CancellationToken cancellationToken);
}
