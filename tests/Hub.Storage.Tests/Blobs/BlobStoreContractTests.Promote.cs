using Hub.Storage.Blobs;
using static Hub.Storage.Tests.Blobs.TestBlobs;

namespace Hub.Storage.Tests.Blobs;

public abstract partial class BlobStoreContractTests
{
    [Fact]
    public async Task Promote_moves_verified_bytes_to_the_final_key()
    {
        var bytes = Random(2 * MiB + 5);
        var staging = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var key = BlobKeys.Lfs(Sha256(bytes));
        await Store.PutAsync(staging, new MemoryStream(bytes), null, Ct);

        var info = await Store.PromoteAsync(staging, key, ExpectationOf(bytes), Ct);

        Assert.Equal(new BlobInfo(key, bytes.Length, Sha256(bytes)), info);
        Assert.Equal(new BlobInfo(key, bytes.Length, Sha256(bytes)), await Store.GetInfoAsync(key, Ct));
        Assert.Null(await Store.GetInfoAsync(staging, Ct));
        Assert.Equal(bytes, await ReadAllAsync(Store, key));
    }

    [Fact]
    public async Task Promote_of_mismatched_bytes_deletes_staging_and_stores_nothing()
    {
        var claimed = Random(MiB);
        var sent = Random(MiB);
        var staging = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var key = BlobKeys.Lfs(Sha256(claimed));
        await Store.PutAsync(staging, new MemoryStream(sent), null, Ct);

        await Assert.ThrowsAsync<BlobIntegrityException>(() => Store.PromoteAsync(staging, key, ExpectationOf(claimed), Ct));

        Assert.Null(await Store.GetInfoAsync(staging, Ct));
        Assert.Null(await Store.GetInfoAsync(key, Ct));
        await AssertNoLeftoversAsync(key);
    }

    [Fact]
    public async Task Promote_of_bytes_with_the_wrong_size_is_refused()
    {
        var bytes = Random(1000);
        var staging = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var key = BlobKeys.Lfs(Sha256(bytes));
        await Store.PutAsync(staging, new MemoryStream(bytes), null, Ct);

        await Assert.ThrowsAsync<BlobIntegrityException>(
            () => Store.PromoteAsync(staging, key, new BlobExpectation(999, Sha256(bytes)), Ct));

        Assert.Null(await Store.GetInfoAsync(staging, Ct));
        Assert.Null(await Store.GetInfoAsync(key, Ct));
    }

    [Fact]
    public async Task Promote_when_the_final_key_already_holds_the_object_deletes_staging()
    {
        var bytes = Random(MiB + 1);
        var key = BlobKeys.Lfs(Sha256(bytes));
        await Store.PutAsync(key, new MemoryStream(bytes), ExpectationOf(bytes), Ct);
        var staging = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        await Store.PutAsync(staging, new MemoryStream(bytes), null, Ct);

        var info = await Store.PromoteAsync(staging, key, ExpectationOf(bytes), Ct);

        Assert.Equal(new BlobInfo(key, bytes.Length, Sha256(bytes)), info);
        Assert.Null(await Store.GetInfoAsync(staging, Ct));
        Assert.Equal(bytes, await ReadAllAsync(Store, key));
    }

    [Fact]
    public async Task Promote_of_a_missing_staging_key_throws_BlobNotFoundException()
    {
        var bytes = Random(10);

        await Assert.ThrowsAsync<BlobNotFoundException>(
            () => Store.PromoteAsync(BlobKeys.Staging(Guid.NewGuid().ToString("N")), BlobKeys.Lfs(Sha256(bytes)), ExpectationOf(bytes), Ct));
    }
}
