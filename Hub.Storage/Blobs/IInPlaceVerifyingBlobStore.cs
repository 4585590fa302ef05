namespace Hub.Storage.Blobs;

/// <summary>
/// A blob store that checks an object a client uploaded straight to its final key, so large uploads need no staging
/// copy (on S3 a server-side copy rewrites every byte: as slow as the upload itself).
/// </summary>
/// <remarks>
/// Only for keys nothing else writes while the check runs: the final key of a content-addressed object that did not
/// exist when its multipart upload started, assembled by the hub itself (clients hold part URLs only, which die with
/// the completion). Callers serve such an object only after this check (the metadata database says verified).
/// </remarks>
public interface IInPlaceVerifyingBlobStore
{
    /// <summary>
    /// Reads the object at <paramref name="key"/> and checks size and sha256 against <paramref name="expected"/>. On a
    /// match the sha256 is recorded with the object and its info returned; on a mismatch the object is deleted and
    /// <see cref="BlobIntegrityException"/> is thrown; <see cref="BlobNotFoundException"/> when there is no object.
    /// </summary>
    Task<BlobInfo> VerifyInPlaceAsync(string key, BlobExpectation expected, CancellationToken cancellationToken);

    /// <summary>
    /// Accepts the object at <paramref name="key"/> without reading it, for a caller that hashed its bytes itself, in
    /// order, as it streamed them into the parts the object was assembled from (and checked the store's ETags of those
    /// parts). Checks the size; on a match returns its info (the store records no sha256 of its own for it: it did not
    /// hash the bytes, and rewriting the object to do so costs as much as the rest of the completion); on a mismatch the
    /// object is deleted and <see cref="BlobIntegrityException"/> is thrown; <see cref="BlobNotFoundException"/> when
    /// there is no object.
    /// </summary>
    Task<BlobInfo> AcceptHashedAsync(string key, BlobExpectation expected, CancellationToken cancellationToken);
}
