using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using S3ByteRange = Amazon.S3.Model.ByteRange;

namespace Hub.Storage.Blobs;

/// <summary>
/// The <see cref="IBlobStore"/> on an S3-compatible object store (AWS S3, Ceph RGW, MinIO, Garage).
/// </summary>
/// <remarks>
/// The bucket is created when missing, once, by whichever comes first: the host's start-up (BlobStoreInitializer) or the
/// first async operation. The sha256 of an object is kept in its user metadata (<c>x-amz-meta-sha256</c>), set by this
/// store after it hashed the bytes itself; direct write URLs are meant for staging keys only (<see cref="BlobKeys.Staging"/>),
/// whose metadata a client controls and is therefore never reported. Unverified bytes never reach a final key: a put with an expectation
/// is hashed on its way up and completed (or made) only when it matches; a promotion re-reads the staging object, then
/// copies it server-side on the condition that it did not change meanwhile.
/// </remarks>
internal sealed partial class S3BlobStore : IBlobStore, IInitializableBlobStore, IDisposable
{
    private const string Sha256Metadata = "sha256";

    private readonly AmazonS3Client _client;
    private readonly AmazonS3Client _presigner;
    private readonly Protocol _presignProtocol;
    private readonly Protocol _serviceProtocol;
    private readonly string _bucket;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<S3BlobStore> _logger;
    private readonly SemaphoreSlim _bucketLock = new(1, 1);
    private volatile bool _bucketReady;
    private readonly IReadOnlyList<string> _corsOrigins;

    public S3BlobStore(S3Options options, TimeProvider timeProvider, ILogger<S3BlobStore> logger, IReadOnlyList<string>? corsOrigins = null)
    {
        _corsOrigins = corsOrigins ?? S3CorsRule.Origins(options, publicBaseUrl: null);
        _bucket = options.Bucket;
        _timeProvider = timeProvider;
        _logger = logger;
        _client = CreateClient(options, options.ServiceUrl);
        // SigV4 signs the host: URLs for clients that reach the store elsewhere must be signed for that host.
        var publicUrl = options.PublicUrl is { Length: > 0 } url ? url : null;
        _presigner = publicUrl is null ? _client : CreateClient(options, publicUrl);
        var signedFor = publicUrl ?? options.ServiceUrl;
        _presignProtocol = signedFor is { Length: > 0 } && new Uri(signedFor).Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS;
        _serviceProtocol = options.ServiceUrl is { Length: > 0 } service && new Uri(service).Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS;
    }

    public string Kind => "s3";

    /// <summary>The bucket this store uses.</summary>
    internal string Bucket => _bucket;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken);
        await ConfigureCorsAsync(cancellationToken);
    }

    public async Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        BlobKeys.Validate(key);
        await EnsureBucketAsync(cancellationToken);
        try
        {
            var response = await _client.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, cancellationToken);
            return new BlobInfo(key, response.ContentLength, ReadSha256(key, response.Metadata));
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            return null;
        }
    }

    public async Task<Stream> OpenReadAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        BlobKeys.Validate(key);
        if (range is { } r)
            ByteRanges.Validate(r);
        await EnsureBucketAsync(cancellationToken);
        var request = new GetObjectRequest { BucketName = _bucket, Key = key };
        if (range is { } wanted)
        {
            request.ByteRange = wanted.Length is { } length && length <= long.MaxValue - wanted.Offset
                ? new S3ByteRange(wanted.Offset, wanted.Offset + length - 1)
                : new S3ByteRange($"bytes={wanted.Offset}-");
        }
        try
        {
            var response = await _client.GetObjectAsync(request, cancellationToken);
            return new BoundedReadStream(response.ResponseStream, response.ContentLength, response);
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            throw new BlobNotFoundException($"No blob at '{key}'.", e);
        }
        catch (AmazonS3Exception e) when (range is { } asked && (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable || e.ErrorCode == "InvalidRange"))
        {
            throw ByteRanges.Unsatisfiable(asked, key);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        BlobKeys.Validate(key);
        await EnsureBucketAsync(cancellationToken);
        // S3 deletes are idempotent: a missing key answers 204 like a present one.
        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, cancellationToken);
    }

    public void Dispose()
    {
        if (!ReferenceEquals(_presigner, _client))
            _presigner.Dispose();
        _client.Dispose();
        _partHttp.Dispose();
        _bucketLock.Dispose();
    }

    private static AmazonS3Client CreateClient(S3Options options, string? serviceUrl)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Ceph RGW and other non-AWS servers reject or ignore the SDK's default flexible checksums (design.md §3);
            // integrity is ours to check anyway (sha256 of the whole object).
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (serviceUrl is { Length: > 0 })
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        return options.AccessKey is { Length: > 0 } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, options.SecretKey), config)
            : new AmazonS3Client(config);
    }

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketReady)
            return;
        await _bucketLock.WaitAsync(cancellationToken);
        try
        {
            if (_bucketReady)
                return;
            try
            {
                // Look before creating: production buckets usually exist and their credentials may not create any.
                await _client.HeadBucketAsync(new HeadBucketRequest { BucketName = _bucket }, cancellationToken);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                await CreateBucketAsync(cancellationToken);
            }
            _bucketReady = true;
        }
        finally
        {
            _bucketLock.Release();
        }
    }

    private async Task CreateBucketAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket, UseClientRegion = true }, cancellationToken);
            _logger.LogInformation("Created the S3 bucket {Bucket}", _bucket);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Another replica created it between our look and our create.
        }
    }

    // A presigned PUT lets the client add any x-amz-meta-* header, and RGW stores it: under the staging prefix, where
    // clients write directly, the recorded hash would be theirs, so none is reported. Elsewhere only this store writes.
    private static string? ReadSha256(string key, MetadataCollection metadata) =>
        !key.StartsWith(BlobKeys.StagingPrefix, StringComparison.Ordinal) && metadata[Sha256Metadata] is { } value && BlobKeys.IsSha256(value)
            ? value
            : null;

    // A HEAD has no body, so a missing key there is only "404"; the bucket vanishing is reported as NoSuchBucket.
    private static bool IsNotFound(AmazonS3Exception e) =>
        e.ErrorCode != "NoSuchBucket" && (e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode is "NoSuchKey" or "NoSuchUpload");
}
