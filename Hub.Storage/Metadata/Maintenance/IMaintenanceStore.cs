using Hub.Storage.Metadata.Lfs;

namespace Hub.Storage.Metadata.Maintenance;

/// <summary>Whole-hub scans for repair and garbage collection, in keyset pages.</summary>
public interface IMaintenanceStore
{
    /// <summary>Repositories ordered by id, after <paramref name="afterId"/> (null: from the start).</summary>
    Task<IReadOnlyList<RepositoryHeadRecord>> ListRepositoryHeadsAsync(string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>LFS objects created before <paramref name="createdBefore"/>, ordered by oid, after <paramref name="afterOid"/>.</summary>
    Task<IReadOnlyList<LfsObjectRecord>> ListLfsObjectsAsync(string? afterOid, DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Marks objects verified or not. An unverified object can be neither committed, pushed nor downloaded, which is how
    /// the garbage collector fences off what it is about to delete. Returns how many rows changed.
    /// </summary>
    Task<int> SetVerifiedAsync(IReadOnlyCollection<string> oids, bool verified, CancellationToken cancellationToken);

    /// <summary>Deletes the rows (and repository links) of those objects that are still unverified; returns their oids.</summary>
    Task<IReadOnlyList<string>> DeleteUnverifiedLfsObjectsAsync(IReadOnlyCollection<string> oids, CancellationToken cancellationToken);

    /// <summary>Oids that an upload session is writing right now (never collected).</summary>
    Task<IReadOnlySet<string>> FindUploadingAsync(IReadOnlyCollection<string> oids, CancellationToken cancellationToken);
}
