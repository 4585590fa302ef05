using Amazon.Runtime;
using Amazon.S3;
using Hub.Storage.Blobs;
using Hub.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Storage.Tests.Blobs;

/// <summary>A fresh bucket on the test Ceph RGW for one test class, emptied and removed afterwards.</summary>
public sealed class S3BucketFixture : IAsyncLifetime
{
    public S3BucketFixture()
    {
        Options = new S3Options
        {
            ServiceUrl = TestServices.S3Url,
            AccessKey = TestServices.S3AccessKey,
            SecretKey = TestServices.S3SecretKey,
            Bucket = $"hub-test-{Guid.NewGuid():N}",
        };
        Client = new AmazonS3Client(new BasicAWSCredentials(Options.AccessKey, Options.SecretKey), new AmazonS3Config
        {
            ServiceURL = Options.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = Options.Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
        Store = new S3BlobStore(Options, TimeProvider.System, NullLogger<S3BlobStore>.Instance);
    }

    public S3Options Options { get; }

    /// <summary>A plain client to look behind the store's back.</summary>
    public AmazonS3Client Client { get; }

    internal S3BlobStore Store { get; }

    public Task InitializeAsync() => Store.InitializeAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await S3Buckets.DeleteAsync(Client, Options.Bucket);
        Store.Dispose();
        Client.Dispose();
    }
}
