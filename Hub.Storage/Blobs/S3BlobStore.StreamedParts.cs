using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Hub.Storage.Blobs;

// Parts streamed through the hub go up as plain PUTs to a URL this store presigns for itself: the transport clients use
// when they upload straight to S3. The payload is not signed (presigned URLs are UNSIGNED-PAYLOAD), so neither the hub
// nor the store spends a SHA-256 pass on chunk signatures, and the SDK, which wants a seekable body or a spool to know
// a length, is out of the way: the bytes go from the request body to the socket through one buffer. Integrity is the
// caller's: it hashes what it streams, and the part's ETag ties the stored part to those bytes.
internal sealed partial class S3BlobStore
{
    private static readonly TimeSpan StreamedPartUrlLifetime = TimeSpan.FromHours(12);

    private readonly HttpClient _partHttp = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<string> PutPartAsync(string key, string uploadId, int partNumber, Stream content, long length, CancellationToken cancellationToken)
    {
        BlobKeys.Validate(key);
        ValidateUploadId(uploadId);
        ValidatePartNumber(partNumber);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        await EnsureBucketAsync(cancellationToken);
        var url = await _client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.PUT,
            UploadId = uploadId,
            PartNumber = partNumber,
            Expires = _timeProvider.GetUtcNow().UtcDateTime + StreamedPartUrlLifetime,
            Protocol = _serviceProtocol,
        });
        using var body = new StreamContent(content, BlobHashing.BufferSize);
        body.Headers.ContentLength = length;
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = body };
        using var response = await _partHttp.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            StorageTelemetry.BlobBytesWritten.Add(length);
            return response.Headers.ETag?.Tag ?? throw new IOException($"The store answered part {partNumber} of '{key}' without an ETag.");
        }
        var error = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound || error.Contains("NoSuchUpload", StringComparison.Ordinal))
            throw new BlobNotFoundException($"No multipart upload '{uploadId}' for '{key}'.");
        throw new IOException($"The store refused part {partNumber} of '{key}': {(int)response.StatusCode} {error[..Math.Min(error.Length, 500)]}");
    }
}
