using System.Buffers;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Hub.Storage.Blobs;

// In-place verification of an object a client uploaded to its final key: ranged GETs run a few at a time, each bound
// to the ETag that was looked up, and feed one SHA-256 in order, so the check runs at the store's parallel read speed
// instead of one stream's. The sha256 is then recorded by a metadata-only self-copy, also bound to that ETag. An object
// the caller hashed on the way in is accepted on its size alone and carries no recorded sha256.
internal sealed partial class S3BlobStore : IInPlaceVerifyingBlobStore
{
    /// <summary>Bytes per ranged GET of a verification.</summary>
    internal int VerifyRangeSize { get; init; } = 8 << 20;

    /// <summary>Ranged GETs in flight during a verification (memory: this many ranges, plus the one being hashed).</summary>
    internal int VerifyParallelism { get; init; } = 4;

    public async Task<BlobInfo> VerifyInPlaceAsync(string key, BlobExpectation expected, CancellationToken cancellationToken)
    {
        using var activity = StartCheck("blob.verify", key, expected);
        var head = await HeadAsync(key, cancellationToken);
        var etag = head.ETag;
        var size = head.ContentLength;
        string sha256;
        try
        {
            sha256 = size == expected.Size ? await HashRangesAsync(key, etag, size, cancellationToken) : "";
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            throw await ChangedAsync(key, e);
        }
        if (!BlobHashing.Matches(expected, size, sha256))
        {
            await DeleteAsync(key, cancellationToken);
            throw BlobHashing.Mismatch(key, expected, size, sha256);
        }
        await RecordSha256Async(key, etag, size, sha256, cancellationToken);
        return new BlobInfo(key, size, sha256);
    }

    public async Task<BlobInfo> AcceptHashedAsync(string key, BlobExpectation expected, CancellationToken cancellationToken)
    {
        using var activity = StartCheck("blob.accept_hashed", key, expected);
        var head = await HeadAsync(key, cancellationToken);
        if (head.ContentLength != expected.Size)
        {
            await DeleteAsync(key, cancellationToken);
            throw BlobHashing.Mismatch(key, expected, head.ContentLength, "");
        }
        // No metadata self-copy here (~50 ms on RGW for 1 GiB, a third of such a completion): this store did not hash
        // these bytes, so it records no sha256 for them (GetInfoAsync reports none, as for objects over 5 GiB), and the
        // metadata keeps meaning "hashed by this store". The metadata database is what says the object is verified.
        return new BlobInfo(key, head.ContentLength, expected.Sha256);
    }

    private static System.Diagnostics.Activity? StartCheck(string name, string key, BlobExpectation expected)
    {
        BlobKeys.Validate(key);
        ArgumentNullException.ThrowIfNull(expected);
        BlobHashing.ValidateExpectation(expected);
        var activity = StorageTelemetry.ActivitySource.StartActivity(name);
        activity?.SetTag("hub.blob.key", key);
        return activity;
    }

    private async Task<GetObjectMetadataResponse> HeadAsync(string key, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken);
        try
        {
            return await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            throw new BlobNotFoundException($"No blob at '{key}'.", e);
        }
    }

    /// <summary>Records a checked sha256 with the object by a metadata-only self-copy bound to the ETag that was checked.</summary>
    private async Task RecordSha256Async(string key, string etag, long size, string sha256, CancellationToken cancellationToken)
    {
        if (size > MaxSingleCopySize)
            return;
        try
        {
            await CopySingleAsync(key, key, etag, sha256, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            throw await ChangedAsync(key, e);
        }
    }

    private async Task<BlobIntegrityException> ChangedAsync(string key, Exception cause)
    {
        // The object changed while it was being checked: what is there now is unverified.
        await DeleteAsync(key, CancellationToken.None);
        StorageTelemetry.BlobIntegrityFailures.Add(1);
        return new BlobIntegrityException($"'{key}' changed while it was being verified; nothing was stored.", cause);
    }

    private async Task<string> HashRangesAsync(string key, string etag, long size, CancellationToken cancellationToken)
    {
        using var hash = BlobHashing.CreateSha256();
        var rangeSize = VerifyRangeSize;
        var count = (size + rangeSize - 1) / rangeSize;
        var pending = new Queue<Task<byte[]>>();
        long next = 0;
        try
        {
            while (next < count && pending.Count < VerifyParallelism)
                pending.Enqueue(ReadRangeAsync(key, etag, next++ * rangeSize, size, cancellationToken));
            for (long index = 0; pending.Count > 0; index++)
            {
                var buffer = await pending.Dequeue();
                if (next < count)
                    pending.Enqueue(ReadRangeAsync(key, etag, next++ * rangeSize, size, cancellationToken));
                hash.AppendData(buffer, 0, (int)Math.Min(rangeSize, size - index * rangeSize));
                ArrayPool<byte>.Shared.Return(buffer);
            }
            return BlobHashing.FinishHex(hash);
        }
        finally
        {
            // Reads still in flight after a failure finish before their buffers go back to the pool.
            while (pending.Count > 0)
            {
                var read = pending.Dequeue();
                await read.ContinueWith(static _ => { }, TaskScheduler.Default);
                if (read.IsCompletedSuccessfully) ArrayPool<byte>.Shared.Return(await read);
            }
        }
    }

    private async Task<byte[]> ReadRangeAsync(string key, string etag, long offset, long size, CancellationToken cancellationToken)
    {
        var length = (int)Math.Min(VerifyRangeSize, size - offset);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        try
        {
            using var response = await _client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = _bucket,
                Key = key,
                ByteRange = new Amazon.S3.Model.ByteRange(offset, offset + length - 1),
                EtagToMatch = etag,
            }, cancellationToken);
            var filled = 0;
            int read;
            while (filled < length && (read = await response.ResponseStream.ReadAsync(buffer.AsMemory(filled, length - filled), cancellationToken)) > 0)
                filled += read;
            if (filled != length)
                throw new BlobIntegrityException($"'{key}' ended early at {offset + filled} of {size} bytes while it was being verified.");
            return buffer;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
