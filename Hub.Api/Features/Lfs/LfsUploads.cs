using System.Diagnostics;
using System.Security.Cryptography;
using Hub.Api.Features.Lfs.Inline;
using Hub.Api.Features.Operations;
using Hub.Api.Telemetry;
using Hub.Storage.Blobs;
using Hub.Storage.Metadata.Lfs;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Lfs;

/// <summary>
/// Upload sessions of LFS objects. Bytes land at a staging key (or, when the hub receives them itself, are hashed while
/// written); an object becomes visible, and linked to the repository, only once size and sha256 match its oid. A
/// session lives until finished or expired, so a client that comes back continues it: for multipart uploads the batch
/// reply lists the parts already stored.
/// </summary>
/// <remarks>
/// Multipart uploads of an object the store does not hold yet go straight to its final, content-addressed key when the
/// store can verify in place (S3): completion then reads and hashes the object where it is, with no staging copy (a
/// server-side copy on S3 rewrites every byte, as slow as the upload). That is safe because nothing serves an LFS
/// object the metadata database does not list as verified, no one else writes that key meanwhile (one session per
/// object; the part URLs die with the completion), and a mismatch deletes the object before the session ends.
/// </remarks>
public sealed class LfsUploads(
    IBlobStore blobs, ILfsObjectStore objects, IOptions<LfsOptions> options, ClusterLocks locks, InlineUploadHashes hashes, TimeProvider time,
    ILogger<LfsUploads> logger)
{
    /// <summary>The answer for a session that does not exist, or not for the repository a URL names.</summary>
    public const string SessionGone = "This upload session is finished or has expired. Ask the batch API again.";

    public LfsOptions Options => options.Value;

    /// <summary>
    /// The live session for the object, continued when it fits, else a fresh one; <c>Started</c> when this call started
    /// it (so it holds no parts yet).
    /// </summary>
    public async Task<(UploadSessionRecord Session, bool Started)> GetOrStartAsync(string repoId, string oid, long size, bool multipart, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var existing = await objects.GetSessionForObjectAsync(oid, ct);
        if (existing is not null)
        {
            // A live session of another repository is not handed out: its URLs would let this one finish (and link)
            // bytes it never sent, or overwrite the other's parts. Nor is it abandoned: that would let anyone who knows
            // an oid break other people's uploads.
            if (existing.RepositoryId != repoId && existing.ExpiresAt > now) throw OtherRepositoryUploading(oid);
            if (existing.Size == size && existing.ExpiresAt > now && (existing.MultipartUploadId is not null) == multipart)
                return (existing, false);
            await AbandonAsync(existing, ct);
        }
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var final = BlobKeys.Lfs(oid);
        var inPlace = multipart && blobs is IInPlaceVerifyingBlobStore && await blobs.GetInfoAsync(final, ct) is null;
        var staging = inPlace ? final : BlobKeys.Staging(id);
        var chunk = Options.ChunkSize;
        var uploadId = multipart ? await blobs.StartMultipartAsync(staging, ct) : null;
        var parts = multipart ? (int)((size + chunk - 1) / chunk) : 1;
        var session = new UploadSessionRecord(id, repoId, oid, size, staging, uploadId, multipart ? chunk : size, parts, now, now + Options.UploadSessionLifetime);
        var stored = await objects.CreateSessionAsync(session, ct);
        if (stored.Id == id) return (stored, true);
        if (uploadId is not null) await blobs.AbortMultipartAsync(staging, uploadId, ct); // a concurrent request won: continue theirs
        if (stored.RepositoryId != repoId) throw OtherRepositoryUploading(oid);
        return (stored, false);
    }

    private static LfsUploadException OtherRepositoryUploading(string oid) =>
        new(409, $"Object {oid} is being uploaded to another repository right now. Try again when that upload has finished.");

    /// <summary>Part numbers already stored for a multipart session (to resume): a store round trip, ~45 ms on RGW.</summary>
    public async Task<IReadOnlyList<BlobPart>> StoredPartsAsync(UploadSessionRecord session, CancellationToken ct) =>
        session.MultipartUploadId is null ? [] : await blobs.ListPartsAsync(session.StagingKey, session.MultipartUploadId, ct);

    /// <summary>Length of a part of a multipart session (all are the chunk size but the last).</summary>
    public static long PartLength(UploadSessionRecord session, int part) =>
        part < session.PartCount ? session.ChunkSize : session.Size - (session.PartCount - 1) * session.ChunkSize;

    /// <summary>
    /// Streams one part the hub receives on to the store and returns its ETag. Parts of a session assembled in place also
    /// feed its inline sha256 (<see cref="InlineUploadHashes"/>), so its completion need not re-read the object.
    /// </summary>
    public async Task<string> ReceivePartAsync(UploadSessionRecord session, int part, Stream body, CancellationToken ct)
    {
        var length = PartLength(session, part);
        var lease = blobs is IInPlaceVerifyingBlobStore && IsInPlace(session) ? await hashes.BeginPartAsync(session, part, ct) : null;
        var content = new PartTeeStream(body, length, lease);
        string? etag = null;
        try
        {
            etag = await blobs.PutPartAsync(session.StagingKey, session.MultipartUploadId!, part, content, length, ct);
            return etag;
        }
        catch (Exception e) when (content.WrongLength is { } wrong && e is not OperationCanceledException)
        {
            throw new LfsUploadException(400, $"Part {part}: {wrong}");
        }
        finally
        {
            lease?.End(etag);
        }
    }

    /// <summary>
    /// Finishes a session whose bytes are all in the store: assembles parts, checks size and sha256, publishes the object
    /// under its content address, records it verified and linked to <paramref name="repoId"/>. Serialised per object
    /// across hub processes (a client's verify and its commit may reach different ones).
    /// </summary>
    public async Task FinishAsync(UploadSessionRecord session, string repoId, CancellationToken ct)
    {
        if (session.RepositoryId != repoId) throw new LfsUploadException(404, SessionGone);
        using var activity = ApiTelemetry.ActivitySource.StartActivity("lfs.finish");
        activity?.SetTag(ApiTelemetry.OidTag, session.Oid);
        await using (await locks.AcquireAsync("lfs-finish:" + session.Oid, ct))
        {
            // Stored already: linked without a second look only where this repository holds it, or where this session
            // wrote the bytes in place. Otherwise it proves it has them: its staged bytes are checked below like any
            // upload (the oid and size alone, shown by gated trees, must not link another repository's object).
            var storedAlready = await objects.GetAsync(session.Oid, ct) is { Verified: true };
            if (storedAlready && (IsInPlace(session) || await objects.IsLinkedAsync(repoId, session.Oid, ct)))
            {
                await objects.LinkAsync(repoId, [session.Oid], time.GetUtcNow(), ct);
                await DiscardAsync(session, ct);
                return;
            }
            var inPlace = IsInPlace(session);
            string? inlineSha256 = null;
            if (session.MultipartUploadId is { } uploadId)
            {
                try
                {
                    var parts = await blobs.ListPartsAsync(session.StagingKey, uploadId, ct);
                    var missing = Enumerable.Range(1, session.PartCount).Except(parts.Select(p => p.PartNumber)).ToArray();
                    if (missing.Length > 0)
                        throw new LfsUploadException(409, $"Parts {string.Join(", ", missing.Take(20))} of {session.PartCount} have not been uploaded yet.");
                    // Hashed here on the way in, the very parts the store holds (their ETags, which the completion below
                    // is bound to): the object need not be read back. A wrong hash is known before the object exists.
                    inlineSha256 = inPlace ? await hashes.TryGetSha256Async(session, parts, ct) : null;
                    if (inlineSha256 is not null && inlineSha256 != session.Oid)
                    {
                        RecordVerification(session, ApiTelemetry.InlineVerification, matched: false);
                        await DiscardAsync(session, ct);
                        throw new LfsUploadException(400, $"The uploaded bytes do not match object {session.Oid} (size {session.Size}): their sha256 is {inlineSha256}.");
                    }
                    await blobs.CompleteMultipartAsync(session.StagingKey, uploadId, parts, ct);
                }
                catch (BlobNotFoundException) when (inPlace)
                {
                    // Completed by an earlier attempt that stopped before its check: check now, if the object is there.
                    if (await blobs.GetInfoAsync(session.StagingKey, ct) is null) throw;
                }
            }
            var verification = inlineSha256 is not null ? ApiTelemetry.InlineVerification : ApiTelemetry.RereadVerification;
            try
            {
                var expected = new BlobExpectation(session.Size, session.Oid);
                if (inlineSha256 is not null)
                    await ((IInPlaceVerifyingBlobStore)blobs).AcceptHashedAsync(session.StagingKey, expected, ct);
                else if (inPlace)
                    await ((IInPlaceVerifyingBlobStore)blobs).VerifyInPlaceAsync(session.StagingKey, expected, ct);
                else if (storedAlready)
                    // Not promoted: the store would keep its copy and drop the staged bytes unread.
                    await CheckStagedAsync(session.StagingKey, expected, ct);
                else
                    await blobs.PromoteAsync(session.StagingKey, BlobKeys.Lfs(session.Oid), expected, ct);
            }
            catch (BlobNotFoundException)
            {
                throw new LfsUploadException(404, $"Object {session.Oid} has not been uploaded yet.");
            }
            catch (BlobIntegrityException e)
            {
                RecordVerification(session, verification, matched: false);
                hashes.Forget(session.Id);
                await objects.DeleteSessionAsync(session.Id, ct);
                throw new LfsUploadException(400, $"The uploaded bytes do not match object {session.Oid} (size {session.Size}): {e.Message}");
            }
            RecordVerification(session, verification, matched: true);
            hashes.Forget(session.Id);
            await MarkStoredAsync(session.Oid, session.Size, repoId, ct);
            await objects.DeleteSessionAsync(session.Id, ct);
        }
    }

    /// <summary>Hashes the staged bytes of an object the store holds already, then drops them; throws when they differ.</summary>
    private async Task CheckStagedAsync(string stagingKey, BlobExpectation expected, CancellationToken ct)
    {
        long size;
        byte[] sha256;
        await using (var staged = await blobs.OpenReadAsync(stagingKey, null, ct))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 16];
            size = 0;
            for (int n; (n = await staged.ReadAsync(buffer, ct)) > 0; size += n)
                hash.AppendData(buffer, 0, n);
            sha256 = hash.GetHashAndReset();
        }
        await blobs.DeleteAsync(stagingKey, ct);
        if (size != expected.Size || Convert.ToHexStringLower(sha256) != expected.Sha256)
            throw new BlobIntegrityException($"they have {size} bytes and sha256 {Convert.ToHexStringLower(sha256)}.");
    }

    private void RecordVerification(UploadSessionRecord session, string verification, bool matched)
    {
        ApiTelemetry.LfsUploadVerifications.Add(1, new KeyValuePair<string, object?>(ApiTelemetry.VerificationTag, verification),
            new KeyValuePair<string, object?>(ApiTelemetry.MatchedTag, matched));
        Activity.Current?.SetTag(ApiTelemetry.VerificationTag, verification);
        logger.LogInformation("Upload session {Session} of object {Oid} verified by {Verification}: {Outcome}",
            session.Id, session.Oid, verification, matched ? "match" : "mismatch");
    }

    /// <summary>Streams a whole object received by the hub straight to its final key, verified while written.</summary>
    public async Task ReceiveAsync(UploadSessionRecord session, string repoId, Stream body, CancellationToken ct)
    {
        try
        {
            await blobs.PutAsync(BlobKeys.Lfs(session.Oid), body, new BlobExpectation(session.Size, session.Oid), ct);
        }
        catch (BlobIntegrityException e)
        {
            throw new LfsUploadException(400, $"The uploaded bytes do not match object {session.Oid} (size {session.Size}): {e.Message}");
        }
        await MarkStoredAsync(session.Oid, session.Size, repoId, ct);
        await objects.DeleteSessionAsync(session.Id, ct);
    }

    /// <summary>
    /// Makes sure a commit may reference the object: verified and linked, or finishable from a session of this
    /// repository (clients that never call verify). Throws <see cref="LfsUploadException"/> otherwise.
    /// </summary>
    public async Task EnsureCommittableAsync(string repoId, string oid, long? size, CancellationToken ct)
    {
        if (await objects.GetLinkedAsync(repoId, oid, ct) is { } stored)
        {
            if (size is { } s && s != stored.Size)
                throw new LfsUploadException(400, $"LFS object {oid} has size {stored.Size}, not {s}.");
            return;
        }
        var session = await objects.GetSessionForObjectAsync(oid, ct);
        if (session is null || session.RepositoryId != repoId || (size is { } claimed && claimed != session.Size))
            throw new LfsUploadException(400, $"LFS object {oid} has not been uploaded to this repository: upload it (LFS batch API) before committing.");
        await FinishAsync(session, repoId, ct);
    }

    /// <summary>The size of a stored object (Python copy operations send lfsFile lines without one).</summary>
    public async Task<long> SizeOfAsync(string oid, CancellationToken ct) =>
        (await objects.GetAsync(oid, ct))?.Size ?? throw new LfsUploadException(400, $"LFS object {oid} is not stored on this hub.");

    public async Task AbandonAsync(UploadSessionRecord session, CancellationToken ct)
    {
        logger.LogInformation("Abandoning upload session {Session} of object {Oid}", session.Id, session.Oid);
        if (!IsInPlace(session))
        {
            await DiscardAsync(session, ct);
            return;
        }
        await using (await locks.AcquireAsync("lfs-finish:" + session.Oid, ct))
        {
            await DiscardAsync(session, ct);
            // Completed but never verified (the check was interrupted): unverified bytes at the final key go.
            if (await objects.GetAsync(session.Oid, ct) is not { Verified: true })
                await blobs.DeleteAsync(session.StagingKey, ct);
        }
    }

    /// <summary>Frees what the session holds; never the object at its final key (verified, or checked by the caller).</summary>
    private async Task DiscardAsync(UploadSessionRecord session, CancellationToken ct)
    {
        hashes.Forget(session.Id);
        if (session.MultipartUploadId is { } uploadId) await blobs.AbortMultipartAsync(session.StagingKey, uploadId, ct);
        if (!IsInPlace(session)) await blobs.DeleteAsync(session.StagingKey, ct);
        await objects.DeleteSessionAsync(session.Id, ct);
    }

    private static bool IsInPlace(UploadSessionRecord session) => session.StagingKey == BlobKeys.Lfs(session.Oid);

    private async Task MarkStoredAsync(string oid, long size, string repoId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await objects.MarkVerifiedAsync(oid, size, now, ct);
        await objects.LinkAsync(repoId, [oid], now, ct);
    }
}
