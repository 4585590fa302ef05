namespace Hub.Storage.Metadata.Lfs;

/// <summary>The index of LFS objects, which repositories reference them, and uploads in progress.</summary>
public interface ILfsObjectStore
{
    /// <summary>The object, or null.</summary>
    Task<LfsObjectRecord?> GetAsync(string oid, CancellationToken cancellationToken);

    /// <summary>Records that the blob store holds verified bytes for <paramref name="oid"/> (idempotent).</summary>
    Task MarkVerifiedAsync(string oid, long size, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that a repository's history references these objects (idempotent).</summary>
    Task LinkAsync(string repositoryId, IReadOnlyCollection<string> oids, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>True when the repository references the object.</summary>
    Task<bool> IsLinkedAsync(string repositoryId, string oid, CancellationToken cancellationToken);

    /// <summary>
    /// The object when the hub holds it verified and the repository references it (what may be served or committed
    /// there), else null: one query where <see cref="GetAsync"/> and <see cref="IsLinkedAsync"/> take two.
    /// </summary>
    Task<LfsObjectRecord?> GetLinkedAsync(string repositoryId, string oid, CancellationToken cancellationToken);

    /// <summary>Of <paramref name="oids"/>, those the hub holds verified.</summary>
    Task<IReadOnlySet<string>> FindVerifiedAsync(IReadOnlyCollection<string> oids, CancellationToken cancellationToken);

    /// <summary>The live upload session of an object, or null. There is at most one per object.</summary>
    Task<UploadSessionRecord?> GetSessionForObjectAsync(string oid, CancellationToken cancellationToken);

    /// <summary>An upload session by id, or null.</summary>
    Task<UploadSessionRecord?> GetSessionAsync(string id, CancellationToken cancellationToken);

    /// <summary>Stores a new session; when another one for the same object exists already, returns that one instead.</summary>
    Task<UploadSessionRecord> CreateSessionAsync(UploadSessionRecord session, CancellationToken cancellationToken);

    /// <summary>Deletes a session; no error when it is gone.</summary>
    Task DeleteSessionAsync(string id, CancellationToken cancellationToken);

    /// <summary>Sessions that expired before <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<UploadSessionRecord>> ListExpiredSessionsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
