using System.Globalization;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace Hub.Storage.Blobs;

internal sealed partial class S3BlobStore
{
    public async Task<string> StartMultipartAsync(string key, CancellationToken cancellationToken)
    {
        BlobKeys.Validate(key);
        await EnsureBucketAsync(cancellationToken);
        var response = await _client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key }, cancellationToken);
        return response.UploadId;
    }

    public async Task<string> PutPartAsync(string key, string uploadId, int partNumber, Stream content, CancellationToken cancellationToken)
    {
        BlobKeys.Validate(key);
        ValidateUploadId(uploadId);
        ValidatePartNumber(partNumber);
        await EnsureBucketAsync(cancellationToken);
        if (content.CanSeek)
            return await UploadPartAsync(key, uploadId, partNumber, content, content.Length - content.Position, cancellationToken);
        // S3 wants a part's length before its first byte. A stream that cannot tell is spooled to a temporary file,
        // not to memory: parts may be gigabytes.
        var spool = Path.Combine(Path.GetTempPath(), $"hub-part-{Guid.NewGuid():N}.tmp");
        await using var file = new FileStream(spool, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 0,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await content.CopyToAsync(file, BlobHashing.BufferSize, cancellationToken);
        file.Position = 0;
        return await UploadPartAsync(key, uploadId, partNumber, file, file.Length, cancellationToken);
    }

    public async Task<IReadOnlyList<BlobPart>> ListPartsAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        BlobKeys.Validate(key);
        ValidateUploadId(uploadId);
        await EnsureBucketAsync(cancellationToken);
        var parts = new List<BlobPart>();
        var request = new ListPartsRequest { BucketName = _bucket, Key = key, UploadId = uploadId };
        try
        {
            while (true)
            {
                var response = await _client.ListPartsAsync(request, cancellationToken);
                foreach (var part in response.Parts ?? [])
                    parts.Add(new BlobPart(part.PartNumber ?? 0, part.ETag, part.Size ?? 0));
                if (response.IsTruncated != true)
                    break;
                request.PartNumberMarker = response.NextPartNumberMarker?.ToString(CultureInfo.InvariantCulture);
            }
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            throw new BlobNotFoundException($"No multipart upload '{uploadId}' for '{key}'.", e);
        }
        parts.Sort((a, b) => a.PartNumber.CompareTo(b.PartNumber));
        return parts;
    }

    public async Task CompleteMultipartAsync(string key, string uploadId, IReadOnlyList<BlobPart> parts, CancellationToken cancellationToken)
    {
        BlobKeys.Validate(key);
        ValidateUploadId(uploadId);
        if (parts is null || parts.Count == 0)
            throw new ArgumentException("A multipart upload is completed with at least one part.", nameof(parts));
        for (var i = 1; i < parts.Count; i++)
        {
            if (parts[i].PartNumber <= parts[i - 1].PartNumber)
                throw new ArgumentException("Parts are listed in ascending order of part number, each once.", nameof(parts));
        }
        await EnsureBucketAsync(cancellationToken);
        using var activity = StorageTelemetry.ActivitySource.StartActivity("blob.complete_multipart");
        activity?.SetTag("hub.blob.key", key);
        try
        {
            await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _bucket,
                Key = key,
                UploadId = uploadId,
                PartETags = [.. parts.Select(p => new PartETag(p.PartNumber, p.ETag))],
            }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            throw new BlobNotFoundException($"No multipart upload '{uploadId}' for '{key}'.", e);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "InvalidPart" or "InvalidPartOrder" or "EntityTooSmall")
        {
            throw new ArgumentException($"The parts do not complete '{key}': {e.Message}", nameof(parts), e);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.InternalServerError)
        {
            // Ceph RGW 16 answers the completion of an unknown upload with 500 "This multipart completion is already in
            // progress" (its lock on the missing upload fails), not NoSuchUpload.
            if (!await UploadExistsAsync(key, uploadId, cancellationToken))
                throw new BlobNotFoundException($"No multipart upload '{uploadId}' for '{key}'.", e);
            throw;
        }
    }

    public async Task AbortMultipartAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        BlobKeys.Validate(key);
        if (string.IsNullOrEmpty(uploadId))
            return;
        await EnsureBucketAsync(cancellationToken);
        try
        {
            await _client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = uploadId }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            // Already aborted or completed: aborting is idempotent.
        }
    }

    private async Task<bool> UploadExistsAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            await _client.ListPartsAsync(new ListPartsRequest { BucketName = _bucket, Key = key, UploadId = uploadId, MaxParts = 1 }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            return false;
        }
    }

    private async Task<string> UploadPartAsync(string key, string uploadId, int partNumber, Stream content, long length, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = _bucket,
                Key = key,
                UploadId = uploadId,
                PartNumber = partNumber,
                InputStream = content,
                PartSize = length,
            }, cancellationToken);
            StorageTelemetry.BlobBytesWritten.Add(length);
            return response.ETag;
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            throw new BlobNotFoundException($"No multipart upload '{uploadId}' for '{key}'.", e);
        }
    }

    /// <summary>Abandons an upload of our own after a failure; the failure, not this clean-up, is what the caller hears.</summary>
    private async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            // Not the caller's token: a cancelled put must still free its parts.
            await _client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = uploadId }, CancellationToken.None);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Could not abort the multipart upload {UploadId} of {Key}", uploadId, key);
        }
    }

    // An id this store did not issue is an unknown upload, as with the filesystem store.
    private static void ValidateUploadId(string uploadId)
    {
        if (string.IsNullOrWhiteSpace(uploadId))
            throw new BlobNotFoundException("No multipart upload without an id.");
    }

    private static void ValidatePartNumber(int partNumber)
    {
        if (partNumber is < 1 or > MaxParts)
            throw new ArgumentOutOfRangeException(nameof(partNumber), partNumber, $"Part numbers run from 1 to {MaxParts}.");
    }
}
