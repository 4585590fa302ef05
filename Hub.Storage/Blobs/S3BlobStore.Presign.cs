using Amazon.S3;
using Amazon.S3.Model;

namespace Hub.Storage.Blobs;

internal sealed partial class S3BlobStore
{
    // SigV4 presigned URLs live at most seven days.
    private static readonly TimeSpan MaxPresignLifetime = TimeSpan.FromDays(7);

    public Uri? GetDirectReadUrl(string key, TimeSpan lifetime, string? downloadFileName = null)
    {
        var request = PresignRequest(key, HttpVerb.GET, lifetime);
        if (!string.IsNullOrEmpty(downloadFileName))
            request.ResponseHeaderOverrides.ContentDisposition = ContentDispositionValue.Attachment(downloadFileName);
        return Sign(request);
    }

    public Uri? GetDirectWriteUrl(string key, TimeSpan lifetime) => Sign(PresignRequest(key, HttpVerb.PUT, lifetime));

    public Uri? GetDirectPartUrl(string key, string uploadId, int partNumber, TimeSpan lifetime)
    {
        ValidateUploadId(uploadId);
        ValidatePartNumber(partNumber);
        var request = PresignRequest(key, HttpVerb.PUT, lifetime);
        request.UploadId = uploadId;
        request.PartNumber = partNumber;
        return Sign(request);
    }

    private GetPreSignedUrlRequest PresignRequest(string key, HttpVerb verb, TimeSpan lifetime)
    {
        BlobKeys.Validate(key);
        if (lifetime <= TimeSpan.Zero || lifetime > MaxPresignLifetime)
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A presigned URL lives more than zero and at most seven days.");
        return new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = verb,
            Expires = _timeProvider.GetUtcNow().UtcDateTime + lifetime,
            // The SDK defaults to https whatever the endpoint says; a plain-http store needs http URLs.
            Protocol = _presignProtocol,
        };
    }

    private Uri Sign(GetPreSignedUrlRequest request) => new(_presigner.GetPreSignedURL(request));
}
