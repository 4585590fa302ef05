using System.Buffers;
using System.Security.Cryptography;
using Amazon.S3.Model;

namespace Hub.Storage.Blobs;

// Puts through the hub. Ceph RGW (16) does not check x-amz-checksum-sha256, so the hub hashes the bytes itself on their
// way up and decides before the object can appear: an object that fits in one part is hashed in memory and only then
// sent with one PUT; a larger one goes up as a multipart upload to the final key, which S3 shows to nobody until it is
// completed, and is completed only when size and sha256 match (aborted otherwise). Memory stays at PartsInFlight + 1
// part buffers: parts being sent while the next one is read and hashed.
//
// The SDK signs each part's payload (plain http cannot use UNSIGNED-PAYLOAD), so the server checks every part arrived
// intact. A part is already in memory, so it is signed with one sha256 of the whole part (UseChunkEncoding = false)
// rather than with the per-64 KiB chunk signatures of the default streaming mode.
internal sealed partial class S3BlobStore
{
    private const int MaxParts = 10_000;
    private const int MaxBufferedPartSize = 1 << 30;

    /// <summary>Parts uploaded at once by a put through the hub (each holds a part buffer).</summary>
    /// <remarks>
    /// Against a remote store, a second part in flight hides the round trip of the first. On the local test RGW (two
    /// cores shared with the OSD, CPU-bound by hashing) one and two measured the same.
    /// </remarks>
    internal int PartsInFlight { get; init; } = 2;

    /// <summary>Smallest part of an upload through the hub, and the largest object sent with a single PUT.</summary>
    internal int MinPartSize { get; init; } = 16 << 20;

    public async Task<BlobInfo> PutAsync(string key, Stream content, BlobExpectation? expected, CancellationToken cancellationToken)
    {
        BlobKeys.Validate(key);
        BlobHashing.ValidateExpectation(expected);
        var partSize = ChoosePartSize(expected?.Size ?? (content.CanSeek ? content.Length - content.Position : null));
        await EnsureBucketAsync(cancellationToken);
        using var activity = StorageTelemetry.ActivitySource.StartActivity("blob.put");
        activity?.SetTag("hub.blob.key", key);
        using var hash = BlobHashing.CreateSha256();
        var buffer = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            var length = await ReadPartAsync(content, buffer, partSize, hash, cancellationToken);
            var info = length < partSize
                ? await PutSingleAsync(key, buffer, length, expected, hash, cancellationToken)
                : await PutMultipartAsync(key, content, expected, buffer, partSize, hash, cancellationToken);
            StorageTelemetry.BlobBytesWritten.Add(info.Size);
            return info;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<BlobInfo> PutSingleAsync(
        string key, byte[] buffer, int length, BlobExpectation? expected, IncrementalHash hash, CancellationToken cancellationToken)
    {
        var sha256 = BlobHashing.FinishHex(hash);
        if (expected is not null && !BlobHashing.Matches(expected, length, sha256))
            throw BlobHashing.Mismatch(key, expected, length, sha256);
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        var request = new PutObjectRequest { BucketName = _bucket, Key = key, InputStream = body, AutoCloseStream = false, UseChunkEncoding = false };
        request.Metadata[Sha256Metadata] = sha256;
        await _client.PutObjectAsync(request, cancellationToken);
        return new BlobInfo(key, length, sha256);
    }

    /// <summary>Uploads <paramref name="first"/> (a full part) and the rest of <paramref name="content"/> as parts.</summary>
    private async Task<BlobInfo> PutMultipartAsync(
        string key, Stream content, BlobExpectation? expected, byte[] first, int partSize, IncrementalHash hash, CancellationToken cancellationToken)
    {
        long total = partSize;
        if (expected is not null && total > expected.Size)
            throw BlobHashing.Mismatch(key, expected, total, null);
        var initiate = new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key };
        // With an expectation the hash is known before the first byte: the object carries it from the moment it appears.
        // Without one it is learnt only at the end, too late for S3 metadata, so GetInfo will not know it.
        if (expected is not null)
            initiate.Metadata[Sha256Metadata] = expected.Sha256;
        var uploadId = (await _client.InitiateMultipartUploadAsync(initiate, cancellationToken)).UploadId;
        // A ring of buffers: up to PartsInFlight parts travel while the next one is read and hashed into the free buffer.
        var buffers = new byte[PartsInFlight + 1][];
        buffers[0] = first;
        for (var i = 1; i < buffers.Length; i++)
            buffers[i] = ArrayPool<byte>.Shared.Rent(partSize);
        var inFlight = new Queue<Task<PartETag>>();
        try
        {
            var etags = new List<PartETag>();
            var length = partSize;
            for (var partNumber = 1; length > 0; partNumber++)
            {
                if (partNumber > MaxParts)
                    throw new ArgumentException($"'{key}' is larger than {MaxParts} parts of {partSize} bytes; pass its size.", nameof(content));
                inFlight.Enqueue(UploadPartAsync(key, uploadId, partNumber, buffers[(partNumber - 1) % buffers.Length], length, cancellationToken));
                if (length < partSize)
                    break;
                // The next buffer is the one the oldest part in the ring went up from: it must have arrived.
                while (inFlight.Count > PartsInFlight)
                    etags.Add(await inFlight.Dequeue());
                length = await ReadPartAsync(content, buffers[partNumber % buffers.Length], partSize, hash, cancellationToken);
                total += length;
                if (expected is not null && total > expected.Size)
                    throw BlobHashing.Mismatch(key, expected, total, null);
            }
            while (inFlight.Count > 0)
                etags.Add(await inFlight.Dequeue());
            var sha256 = BlobHashing.FinishHex(hash);
            if (expected is not null && !BlobHashing.Matches(expected, total, sha256))
                throw BlobHashing.Mismatch(key, expected, total, sha256);
            await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _bucket,
                Key = key,
                UploadId = uploadId,
                PartETags = etags,
            }, cancellationToken);
            return new BlobInfo(key, total, sha256);
        }
        catch
        {
            // Parts still in flight read from pooled buffers: let them end before the buffers go back.
            await Task.WhenAll(inFlight).ContinueWith(static _ => { }, TaskScheduler.Default);
            await AbortQuietlyAsync(key, uploadId);
            throw;
        }
        finally
        {
            for (var i = 1; i < buffers.Length; i++)
                ArrayPool<byte>.Shared.Return(buffers[i]);
        }
    }

    private async Task<PartETag> UploadPartAsync(string key, string uploadId, int partNumber, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        var response = await _client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = _bucket,
            Key = key,
            UploadId = uploadId,
            PartNumber = partNumber,
            InputStream = body,
            PartSize = length,
            UseChunkEncoding = false,
        }, cancellationToken);
        return new PartETag(partNumber, response.ETag);
    }

    private static async Task<int> ReadPartAsync(Stream content, byte[] buffer, int partSize, IncrementalHash hash, CancellationToken cancellationToken)
    {
        var read = await content.ReadAtLeastAsync(buffer.AsMemory(0, partSize), partSize, throwOnEndOfStream: false, cancellationToken);
        hash.AppendData(buffer, 0, read);
        return read;
    }

    /// <summary>At least <see cref="MinPartSize"/>, and large enough that a known size fits in <see cref="MaxParts"/> parts.</summary>
    private int ChoosePartSize(long? size)
    {
        if (size is not { } known)
            return MinPartSize;
        var needed = (known + MaxParts - 1) / MaxParts;
        needed = (needed + (1 << 20) - 1) & ~((1L << 20) - 1);
        if (needed > MaxBufferedPartSize)
            throw new ArgumentOutOfRangeException(nameof(size), known, "The object is too large to be uploaded through the hub.");
        return (int)Math.Max(MinPartSize, needed);
    }
}
