using Hub.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using static Hub.Storage.Tests.Blobs.TestBlobs;

namespace Hub.Storage.Tests.Blobs;

/// <summary>
/// Large LFS uploads go straight to their final key and are checked there (no staging copy): the check reads the
/// object in ranges, several at a time, and keeps it only when size and sha256 match.
/// </summary>
public sealed class S3InPlaceVerifyTests(S3BucketFixture bucket) : IClassFixture<S3BucketFixture>
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private static readonly HttpClient Http = new();
    private static CancellationToken Ct => CancellationToken.None;

    private S3BlobStore NewStore() =>
        new(bucket.Options, TimeProvider.System, NullLogger<S3BlobStore>.Instance) { VerifyRangeSize = MiB, VerifyParallelism = 3 };

    [Fact]
    public async Task A_multipart_object_at_its_final_key_verifies_over_many_ranges_and_records_its_sha256()
    {
        using var store = NewStore();
        byte[][] parts = [Random(5 * MiB), Random(5 * MiB), Random(777)];
        var whole = parts.SelectMany(p => p).ToArray();
        var key = BlobKeys.Lfs(Sha256(whole));
        await UploadPartsAsync(store, key, parts);
        Assert.Null((await store.GetInfoAsync(key, Ct))!.Sha256);

        var info = await store.VerifyInPlaceAsync(key, ExpectationOf(whole), Ct);

        Assert.Equal(new BlobInfo(key, whole.Length, Sha256(whole)), info);
        Assert.Equal(info, await store.GetInfoAsync(key, Ct));
        Assert.Equal(whole, await ReadAllAsync(store, key));
    }

    [Fact]
    public async Task Bytes_that_do_not_match_the_oid_are_deleted_from_the_final_key()
    {
        using var store = NewStore();
        var claimed = Random(6 * MiB);
        byte[][] sent = [Random(5 * MiB), Random(MiB)];
        var key = BlobKeys.Lfs(Sha256(claimed));
        await UploadPartsAsync(store, key, sent);

        await Assert.ThrowsAsync<BlobIntegrityException>(() => store.VerifyInPlaceAsync(key, ExpectationOf(claimed), Ct));

        Assert.Null(await store.GetInfoAsync(key, Ct));
    }

    [Fact]
    public async Task A_size_that_does_not_match_is_deleted_without_reading_and_a_missing_object_is_not_found()
    {
        using var store = NewStore();
        var claimed = Random(MiB);
        var key = BlobKeys.Lfs(Sha256(claimed));
        await store.PutAsync(key, new MemoryStream(claimed[..^1]), null, Ct);

        await Assert.ThrowsAsync<BlobIntegrityException>(() => store.VerifyInPlaceAsync(key, ExpectationOf(claimed), Ct));
        Assert.Null(await store.GetInfoAsync(key, Ct));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.VerifyInPlaceAsync(key, ExpectationOf(claimed), Ct));
    }

    [Fact]
    public async Task An_object_its_caller_hashed_is_accepted_on_its_size_and_left_as_it_is()
    {
        using var store = NewStore();
        byte[][] parts = [Random(5 * MiB), Random(321)];
        var whole = parts.SelectMany(p => p).ToArray();
        var key = BlobKeys.Lfs(Sha256(whole));
        await UploadPartsAsync(store, key, parts);

        var info = await store.AcceptHashedAsync(key, ExpectationOf(whole), Ct);

        Assert.Equal(new BlobInfo(key, whole.Length, Sha256(whole)), info);
        // Not rewritten to carry a sha256 this store never computed: the recorded hash means "hashed by the store".
        Assert.Equal(new BlobInfo(key, whole.Length, null), await store.GetInfoAsync(key, Ct));
        Assert.Equal(whole, await ReadAllAsync(store, key));
    }

    [Fact]
    public async Task An_object_its_caller_hashed_with_the_wrong_size_is_deleted()
    {
        using var store = NewStore();
        var claimed = Random(MiB + 1);
        var key = BlobKeys.Lfs(Sha256(claimed));
        await UploadPartsAsync(store, key, [claimed[..MiB]]);

        await Assert.ThrowsAsync<BlobIntegrityException>(() => store.AcceptHashedAsync(key, ExpectationOf(claimed), Ct));

        Assert.Null(await store.GetInfoAsync(key, Ct));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.AcceptHashedAsync(key, ExpectationOf(claimed), Ct));
    }

    private static async Task UploadPartsAsync(S3BlobStore store, string key, byte[][] parts)
    {
        var uploadId = await store.StartMultipartAsync(key, Ct);
        for (var i = 0; i < parts.Length; i++)
        {
            using var put = await Http.PutAsync(store.GetDirectPartUrl(key, uploadId, i + 1, Lifetime), new ByteArrayContent(parts[i]));
            put.EnsureSuccessStatusCode();
        }
        await store.CompleteMultipartAsync(key, uploadId, await store.ListPartsAsync(key, uploadId, Ct), Ct);
    }
}
