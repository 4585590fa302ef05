using System.Net;
using System.Net.Http.Headers;
using Amazon.S3.Model;
using Hub.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using static Hub.Storage.Tests.Blobs.TestBlobs;

namespace Hub.Storage.Tests.Blobs;

/// <summary>The blob store contract on the S3 store against the real Ceph RGW, plus what only S3 does: direct URLs.</summary>
public sealed class S3BlobStoreContractTests(S3BucketFixture bucket) : BlobStoreContractTests, IClassFixture<S3BucketFixture>
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private static readonly HttpClient Http = new();

    protected override IBlobStore Store => bucket.Store;

    protected override async Task AssertNoLeftoversAsync(string key)
    {
        var uploads = await bucket.Client.ListMultipartUploadsAsync(
            new ListMultipartUploadsRequest { BucketName = bucket.Options.Bucket, Prefix = key });
        Assert.Empty(uploads.MultipartUploads ?? []);
        var objects = await bucket.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket.Options.Bucket, Prefix = key });
        Assert.Empty(objects.S3Objects ?? []);
    }

    [Fact]
    public async Task Presigned_get_serves_the_bytes_and_honours_a_range()
    {
        var bytes = Random(MiB + 99);
        var key = BlobKeys.Lfs(Sha256(bytes));
        await Store.PutAsync(key, new MemoryStream(bytes), ExpectationOf(bytes), Ct);
        var url = Store.GetDirectReadUrl(key, Lifetime)!;

        Assert.Equal(bytes, await Http.GetByteArrayAsync(url));
        using var ranged = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(10, 19) } };
        using var response = await Http.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(bytes[10..20], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Presigned_get_with_a_file_name_downloads_as_an_attachment()
    {
        var key = NewKey();
        await Store.PutAsync(key, new MemoryStream(Random(10)), null, Ct);

        using var response = await Http.GetAsync(Store.GetDirectReadUrl(key, Lifetime, "org/model \"v2\" é.safetensors"));

        response.EnsureSuccessStatusCode();
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Equal("model \"v2\" é.safetensors", disposition?.FileNameStar);
    }

    [Fact]
    public async Task Presigned_urls_use_the_protocol_and_host_of_the_service_url_or_the_public_url()
    {
        var service = new Uri(bucket.Options.ServiceUrl!);
        var read = Store.GetDirectReadUrl("lfs/x", Lifetime)!;
        Assert.Equal((service.Scheme, service.Authority), (read.Scheme, read.Authority));

        var options = new S3Options
        {
            ServiceUrl = bucket.Options.ServiceUrl,
            AccessKey = bucket.Options.AccessKey,
            SecretKey = bucket.Options.SecretKey,
            Bucket = bucket.Options.Bucket,
            PublicUrl = "https://downloads.example.org",
        };
        using var proxied = new S3BlobStore(options, TimeProvider.System, NullLogger<S3BlobStore>.Instance);
        var write = proxied.GetDirectWriteUrl("staging/x", Lifetime)!;
        Assert.Equal(("https", "downloads.example.org"), (write.Scheme, write.Authority));
    }

    [Fact]
    public async Task Presigned_put_then_promote_publishes_the_verified_object()
    {
        var bytes = Random(2 * MiB);
        var staging = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var key = BlobKeys.Lfs(Sha256(bytes));

        using var put = await Http.PutAsync(Store.GetDirectWriteUrl(staging, Lifetime), new ByteArrayContent(bytes));
        put.EnsureSuccessStatusCode();
        var info = await Store.PromoteAsync(staging, key, ExpectationOf(bytes), Ct);

        Assert.Equal(new BlobInfo(key, bytes.Length, Sha256(bytes)), info);
        Assert.Equal(info, await Store.GetInfoAsync(key, Ct));
        Assert.Null(await Store.GetInfoAsync(staging, Ct));
        Assert.Equal(bytes, await ReadAllAsync(Store, key));
    }

    [Fact]
    public async Task Presigned_put_of_other_bytes_is_refused_on_promote()
    {
        var claimed = Random(1000);
        var staging = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var key = BlobKeys.Lfs(Sha256(claimed));
        using var content = new ByteArrayContent(Random(1000));
        // The client also claims the hash in metadata: the store must not believe it.
        using var request = new HttpRequestMessage(HttpMethod.Put, Store.GetDirectWriteUrl(staging, Lifetime)) { Content = content };
        request.Headers.Add("x-amz-meta-sha256", Sha256(claimed));
        using var put = await Http.SendAsync(request);
        put.EnsureSuccessStatusCode();
        Assert.Equal(new BlobInfo(staging, 1000, null), await Store.GetInfoAsync(staging, Ct));

        await Assert.ThrowsAsync<BlobIntegrityException>(() => Store.PromoteAsync(staging, key, ExpectationOf(claimed), Ct));

        Assert.Null(await Store.GetInfoAsync(key, Ct));
        Assert.Null(await Store.GetInfoAsync(staging, Ct));
    }

    [Fact]
    public async Task Presigned_part_urls_then_list_and_complete()
    {
        byte[][] parts = [Random(5 * MiB), Random(5 * MiB), Random(777)];
        var whole = parts.SelectMany(p => p).ToArray();
        var staging = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var key = BlobKeys.Lfs(Sha256(whole));
        var uploadId = await Store.StartMultipartAsync(staging, Ct);

        var etags = new List<string?>();
        for (var i = 0; i < parts.Length; i++)
        {
            using var put = await Http.PutAsync(Store.GetDirectPartUrl(staging, uploadId, i + 1, Lifetime), new ByteArrayContent(parts[i]));
            put.EnsureSuccessStatusCode();
            etags.Add(put.Headers.ETag?.Tag);
        }
        var listed = await Store.ListPartsAsync(staging, uploadId, Ct);
        Assert.Equal(etags, listed.Select(p => p.ETag));
        Assert.Equal(parts.Select(p => (long)p.Length), listed.Select(p => p.Size));
        await Store.CompleteMultipartAsync(staging, uploadId, listed, Ct);
        await Store.PromoteAsync(staging, key, ExpectationOf(whole), Ct);

        Assert.Equal(whole, await ReadAllAsync(Store, key));
    }

    [Fact]
    public async Task Promote_of_an_object_above_the_copy_limit_copies_it_in_parts()
    {
        using var store = new S3BlobStore(bucket.Options, TimeProvider.System, NullLogger<S3BlobStore>.Instance)
        {
            MaxSingleCopySize = 5 * MiB,
            CopyPartSize = 5 * MiB,
        };
        var bytes = Random(12 * MiB + 3);
        var staging = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var key = BlobKeys.Lfs(Sha256(bytes));
        await store.PutAsync(staging, new MemoryStream(bytes), null, Ct);

        await store.PromoteAsync(staging, key, ExpectationOf(bytes), Ct);

        Assert.Equal(new BlobInfo(key, bytes.Length, Sha256(bytes)), await store.GetInfoAsync(key, Ct));
        Assert.Equal(bytes, await ReadAllAsync(store, key));
        var head = await bucket.Client.GetObjectMetadataAsync(bucket.Options.Bucket, key);
        Assert.Equal(3, head.PartsCount ?? int.Parse(head.ETag.Trim('"').Split('-')[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Put_of_many_parts_rotates_its_buffers_and_still_verifies()
    {
        using var store = new S3BlobStore(bucket.Options, TimeProvider.System, NullLogger<S3BlobStore>.Instance)
        {
            MinPartSize = 5 * MiB,
            PartsInFlight = 2,
        };
        var bytes = Random(23 * MiB + 11);
        var key = BlobKeys.Lfs(Sha256(bytes));
        var other = NewKey("lfs");

        await store.PutAsync(key, new NonSeekableStream(bytes), ExpectationOf(bytes), Ct);
        await Assert.ThrowsAsync<BlobIntegrityException>(
            () => store.PutAsync(other, new NonSeekableStream(bytes), new BlobExpectation(bytes.Length, Sha256([])), Ct));

        Assert.Equal(new BlobInfo(key, bytes.Length, Sha256(bytes)), await store.GetInfoAsync(key, Ct));
        Assert.Equal(bytes, await ReadAllAsync(store, key));
        Assert.Null(await store.GetInfoAsync(other, Ct));
        await AssertNoLeftoversAsync(other);
    }

    [Fact]
    public async Task The_bucket_is_created_when_missing()
    {
        var options = new S3Options
        {
            ServiceUrl = bucket.Options.ServiceUrl,
            AccessKey = bucket.Options.AccessKey,
            SecretKey = bucket.Options.SecretKey,
            Bucket = $"hub-test-{Guid.NewGuid():N}",
        };
        using var store = new S3BlobStore(options, TimeProvider.System, NullLogger<S3BlobStore>.Instance);
        try
        {
            Assert.Null(await store.GetInfoAsync("lfs/x", Ct));
            await store.InitializeAsync(Ct);
        }
        finally
        {
            await bucket.Client.DeleteBucketAsync(options.Bucket);
        }
    }
}
