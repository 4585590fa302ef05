using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Hub.Storage.Blobs;

// Promotion of bytes a client uploaded straight to a staging key: re-read and hash them (the client's claim is never
// trusted), then copy server-side to the final key on the condition that the staging object still has the ETag that
// was hashed, so bytes swapped in after the check cannot ride along.
internal sealed partial class S3BlobStore
{
    /// <summary>Largest object copied with one CopyObject (S3's limit); larger ones are copied in parts.</summary>
    internal long MaxSingleCopySize { get; init; } = 5L << 30;

    /// <summary>Size of the parts of a multipart copy.</summary>
    internal long CopyPartSize { get; init; } = 512L << 20;

    public async Task<BlobInfo> PromoteAsync(string stagingKey, string key, BlobExpectation expected, CancellationToken cancellationToken)
    {
        BlobKeys.Validate(stagingKey);
        BlobKeys.Validate(key);
        ArgumentNullException.ThrowIfNull(expected);
        BlobHashing.ValidateExpectation(expected);
        if (stagingKey == key)
            throw new ArgumentException("The staging key and the final key differ.", nameof(stagingKey));
        using var activity = StorageTelemetry.ActivitySource.StartActivity("blob.promote");
        activity?.SetTag("hub.blob.key", key);

        if (await GetInfoAsync(key, cancellationToken) is { } existing && existing.Sha256 == expected.Sha256 && existing.Size == expected.Size)
        {
            await DeleteAsync(stagingKey, cancellationToken);
            return existing;
        }

        string etag;
        long size;
        string sha256;
        try
        {
            using var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = stagingKey }, cancellationToken);
            etag = response.ETag;
            (size, sha256) = await BlobHashing.HashAsync(response.ResponseStream, cancellationToken);
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            throw new BlobNotFoundException($"No blob at '{stagingKey}'.", e);
        }
        if (!BlobHashing.Matches(expected, size, sha256))
        {
            await DeleteAsync(stagingKey, cancellationToken);
            throw BlobHashing.Mismatch(stagingKey, expected, size, sha256);
        }
        try
        {
            await CopyAsync(stagingKey, key, etag, size, sha256, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            // Someone wrote the staging key again after it was hashed: what is there now is unverified.
            await DeleteAsync(stagingKey, cancellationToken);
            StorageTelemetry.BlobIntegrityFailures.Add(1);
            throw new BlobIntegrityException($"'{stagingKey}' changed while it was being verified; nothing was stored.", e);
        }
        await DeleteAsync(stagingKey, cancellationToken);
        return new BlobInfo(key, size, sha256);
    }

    private async Task CopyAsync(string source, string key, string etag, long size, string sha256, CancellationToken cancellationToken)
    {
        if (size > MaxSingleCopySize)
        {
            await CopyInPartsAsync(source, key, etag, size, sha256, cancellationToken);
            return;
        }
        await CopySingleAsync(source, key, etag, sha256, cancellationToken);
    }

    /// <summary>One server-side copy, bound to <paramref name="etag"/>, that gives the copy <paramref name="sha256"/> (source may be the key itself).</summary>
    private async Task CopySingleAsync(string source, string key, string etag, string sha256, CancellationToken cancellationToken)
    {
        var request = new CopyObjectRequest
        {
            SourceBucket = _bucket,
            SourceKey = source,
            DestinationBucket = _bucket,
            DestinationKey = key,
            ETagToMatch = etag,
            // REPLACE: the final object carries the sha256 this store computed, not whatever the client sent along.
            MetadataDirective = S3MetadataDirective.REPLACE,
        };
        request.Metadata[Sha256Metadata] = sha256;
        await _client.CopyObjectAsync(request, cancellationToken);
    }

    private async Task CopyInPartsAsync(string source, string key, string etag, long size, string sha256, CancellationToken cancellationToken)
    {
        var partSize = Math.Max(CopyPartSize, (size + MaxParts - 1) / MaxParts);
        var count = (int)((size + partSize - 1) / partSize);
        var initiate = new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key };
        initiate.Metadata[Sha256Metadata] = sha256;
        var uploadId = (await _client.InitiateMultipartUploadAsync(initiate, cancellationToken)).UploadId;
        try
        {
            var etags = new PartETag[count];
            // Each part is a server-side copy that costs the hub one request: a few at once keep the store busy.
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (index, token) =>
            {
                var firstByte = index * partSize;
                var response = await _client.CopyPartAsync(new CopyPartRequest
                {
                    SourceBucket = _bucket,
                    SourceKey = source,
                    DestinationBucket = _bucket,
                    DestinationKey = key,
                    UploadId = uploadId,
                    PartNumber = index + 1,
                    FirstByte = firstByte,
                    LastByte = Math.Min(size, firstByte + partSize) - 1,
                    ETagToMatch = [etag],
                }, token);
                etags[index] = new PartETag(index + 1, response.ETag);
            });
            await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _bucket,
                Key = key,
                UploadId = uploadId,
                PartETags = [.. etags],
            }, cancellationToken);
        }
        catch
        {
            await AbortQuietlyAsync(key, uploadId);
            throw;
        }
    }
}
