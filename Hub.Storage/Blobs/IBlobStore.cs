namespace Hub.Storage.Blobs;

/// <summary>
/// A store of immutable byte objects addressed by key (S3 or the local filesystem).
/// </summary>
/// <remarks>
/// Key rules: relative, '/'-separated, made only of <c>[a-z0-9._-]</c> segments (see <see cref="BlobKeys"/>); never
/// absolute, never containing <c>..</c>. Large files (git-lfs objects) are content addressed:
/// <c>lfs/{oid[0:2]}/{oid[2:4]}/{oid}</c>, stored once for all repositories. Bytes reach a final key only after
/// their size and sha256 have been checked (<see cref="PutAsync"/> with an expectation, or <see cref="PromoteAsync"/>):
/// a reader never sees a half-written or unverified object.
/// </remarks>
public interface IBlobStore
{
    /// <summary>"filesystem" or "s3"; shown by /health and used by callers that choose between redirect and streaming.</summary>
    string Kind { get; }

    /// <summary>Size (and sha256 when known) of the object at <paramref name="key"/>, or null when it does not exist.</summary>
    Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken);

    /// <summary>Opens the object for reading, optionally only <paramref name="range"/>. Throws <see cref="BlobNotFoundException"/>.</summary>
    Task<Stream> OpenReadAsync(string key, ByteRange? range, CancellationToken cancellationToken);

    /// <summary>
    /// Streams <paramref name="content"/> to <paramref name="key"/> atomically. With <paramref name="expected"/> the bytes
    /// are hashed while written and the object becomes visible only if size and sha256 match; otherwise nothing is left
    /// behind and <see cref="BlobIntegrityException"/> is thrown.
    /// </summary>
    Task<BlobInfo> PutAsync(string key, Stream content, BlobExpectation? expected, CancellationToken cancellationToken);

    /// <summary>
    /// Checks the object at <paramref name="stagingKey"/> (uploaded directly by a client) against <paramref name="expected"/>
    /// and moves it to <paramref name="key"/>. On mismatch the staging object is deleted and
    /// <see cref="BlobIntegrityException"/> is thrown. If <paramref name="key"/> already holds the object the staging copy
    /// is simply deleted (content addressing makes both identical).
    /// </summary>
    Task<BlobInfo> PromoteAsync(string stagingKey, string key, BlobExpectation expected, CancellationToken cancellationToken);

    /// <summary>Deletes the object; no error when it does not exist.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// A URL a client may GET without credentials (S3 presigned), or null when the store has no such URLs
    /// (filesystem: the hub serves the bytes itself).
    /// </summary>
    Uri? GetDirectReadUrl(string key, TimeSpan lifetime, string? downloadFileName = null);

    /// <summary>A URL a client may PUT the whole object to without credentials, or null (filesystem).</summary>
    Uri? GetDirectWriteUrl(string key, TimeSpan lifetime);

    /// <summary>Starts a multipart upload to <paramref name="key"/> (normally a staging key) and returns its upload id.</summary>
    Task<string> StartMultipartAsync(string key, CancellationToken cancellationToken);

    /// <summary>A URL a client may PUT part <paramref name="partNumber"/> (1-based) to, or null (filesystem).</summary>
    Uri? GetDirectPartUrl(string key, string uploadId, int partNumber, TimeSpan lifetime);

    /// <summary>Stores one part through the hub (used when there is no direct URL) and returns its ETag.</summary>
    Task<string> PutPartAsync(string key, string uploadId, int partNumber, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Streams one part, the first <paramref name="length"/> bytes of <paramref name="content"/>, through the hub without
    /// holding it in memory or on disk, and returns its ETag. Fails (<see cref="IOException"/>) when the content ends
    /// early; a part that fails is not stored (a part stored earlier under the same number stays).
    /// </summary>
    Task<string> PutPartAsync(string key, string uploadId, int partNumber, Stream content, long length, CancellationToken cancellationToken);

    /// <summary>The parts stored so far, ordered by part number (used to resume an interrupted upload).</summary>
    Task<IReadOnlyList<BlobPart>> ListPartsAsync(string key, string uploadId, CancellationToken cancellationToken);

    /// <summary>Assembles the parts into the object at <paramref name="key"/>. Throws <see cref="BlobNotFoundException"/> for an unknown upload.</summary>
    Task CompleteMultipartAsync(string key, string uploadId, IReadOnlyList<BlobPart> parts, CancellationToken cancellationToken);

    /// <summary>Abandons a multipart upload and frees its parts; no error when it no longer exists.</summary>
    Task AbortMultipartAsync(string key, string uploadId, CancellationToken cancellationToken);
}
