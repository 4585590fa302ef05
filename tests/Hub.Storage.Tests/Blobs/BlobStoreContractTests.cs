using Hub.Storage.Blobs;
using static Hub.Storage.Tests.Blobs.TestBlobs;

namespace Hub.Storage.Tests.Blobs;

/// <summary>
/// What every <see cref="IBlobStore"/> promises (its XML docs). Each store runs the whole suite through a sealed subclass,
/// so test names say which store failed.
/// </summary>
public abstract partial class BlobStoreContractTests
{
    protected abstract IBlobStore Store { get; }

    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>Asserts the store kept nothing of a refused write to <paramref name="key"/>: no temporary file, no open upload.</summary>
    protected abstract Task AssertNoLeftoversAsync(string key);

    [Fact]
    public async Task Put_then_read_round_trips_a_multi_megabyte_object_and_records_its_sha256()
    {
        // Larger than one S3 part through the hub (16 MiB), sent as a body without length.
        var bytes = Random(20 * MiB + 123);
        var key = BlobKeys.Lfs(Sha256(bytes));

        var put = await Store.PutAsync(key, new NonSeekableStream(bytes), ExpectationOf(bytes), Ct);

        Assert.Equal(new BlobInfo(key, bytes.Length, Sha256(bytes)), put);
        Assert.Equal(new BlobInfo(key, bytes.Length, Sha256(bytes)), await Store.GetInfoAsync(key, Ct));
        Assert.Equal(bytes, await ReadAllAsync(Store, key));
    }

    [Fact]
    public async Task Put_without_expectation_stores_the_bytes_and_reports_their_sha256()
    {
        var bytes = Random(3 * MiB);
        var key = NewKey();

        var put = await Store.PutAsync(key, new MemoryStream(bytes), null, Ct);

        Assert.Equal(new BlobInfo(key, bytes.Length, Sha256(bytes)), put);
        Assert.Equal(bytes.Length, (await Store.GetInfoAsync(key, Ct))?.Size);
        Assert.Equal(bytes, await ReadAllAsync(Store, key));
    }

    [Fact]
    public async Task Put_of_an_empty_object_round_trips()
    {
        var key = NewKey();

        await Store.PutAsync(key, new NonSeekableStream([]), ExpectationOf([]), Ct);

        Assert.Equal(new BlobInfo(key, 0, Sha256([])), await Store.GetInfoAsync(key, Ct));
        Assert.Empty(await ReadAllAsync(Store, key));
    }

    [Fact]
    public async Task Put_replaces_an_existing_object()
    {
        var key = NewKey();
        await Store.PutAsync(key, new MemoryStream(Random(1000)), null, Ct);
        var second = Random(2000);

        await Store.PutAsync(key, new MemoryStream(second), ExpectationOf(second), Ct);

        Assert.Equal(second, await ReadAllAsync(Store, key));
    }

    [Fact]
    public async Task Range_reads_return_offset_and_length_or_offset_to_the_end()
    {
        var bytes = Random(3 * MiB + 17);
        var key = NewKey();
        await Store.PutAsync(key, new MemoryStream(bytes), ExpectationOf(bytes), Ct);

        Assert.Equal(bytes[1000..1100], await ReadAllAsync(Store, key, new ByteRange(1000, 100)));
        Assert.Equal(bytes[(2 * MiB)..], await ReadAllAsync(Store, key, new ByteRange(2 * MiB, null)));
        Assert.Equal(bytes[..1], await ReadAllAsync(Store, key, new ByteRange(0, 1)));
        Assert.Equal(bytes[^10..], await ReadAllAsync(Store, key, new ByteRange(bytes.Length - 10, 1000)));
    }

    [Fact]
    public async Task Range_reads_say_how_long_they_are()
    {
        var bytes = Random(5000);
        var key = NewKey();
        await Store.PutAsync(key, new MemoryStream(bytes), null, Ct);

        await using var stream = await Store.OpenReadAsync(key, new ByteRange(100, 250), Ct);

        Assert.Equal(250, stream.Length);
    }

    [Fact]
    public async Task Range_starting_at_or_past_the_end_is_refused()
    {
        var bytes = Random(5000);
        var key = NewKey();
        await Store.PutAsync(key, new MemoryStream(bytes), null, Ct);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.OpenReadAsync(key, new ByteRange(5000, null), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.OpenReadAsync(key, new ByteRange(9000, 10), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.OpenReadAsync(key, new ByteRange(-1, 10), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.OpenReadAsync(key, new ByteRange(0, 0), Ct));
    }

    [Fact]
    public async Task GetInfo_of_a_missing_key_is_null()
    {
        Assert.Null(await Store.GetInfoAsync(NewKey(), Ct));
    }

    [Fact]
    public async Task OpenRead_of_a_missing_key_throws_BlobNotFoundException()
    {
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync(NewKey(), null, Ct));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync(NewKey(), new ByteRange(0, 10), Ct));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public async Task Put_with_a_wrong_sha256_is_refused_and_leaves_nothing(int megabytes)
    {
        var bytes = Random(megabytes * MiB);
        var key = NewKey("lfs");
        var wrong = new BlobExpectation(bytes.Length, Sha256(Random(10)));

        await Assert.ThrowsAsync<BlobIntegrityException>(() => Store.PutAsync(key, new NonSeekableStream(bytes), wrong, Ct));

        Assert.Null(await Store.GetInfoAsync(key, Ct));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync(key, null, Ct));
        await AssertNoLeftoversAsync(key);
    }

    [Theory]
    [InlineData(1000, +1)]
    [InlineData(1000, -1)]
    [InlineData(20 * MiB, +1)]
    [InlineData(20 * MiB, -1)]
    [InlineData(20 * MiB, -(5 * MiB))]
    public async Task Put_with_a_wrong_size_is_refused_and_leaves_nothing(int length, int claimedDifference)
    {
        var bytes = Random(length);
        var key = NewKey("lfs");
        var wrong = new BlobExpectation(bytes.Length + claimedDifference, Sha256(bytes));

        await Assert.ThrowsAsync<BlobIntegrityException>(() => Store.PutAsync(key, new NonSeekableStream(bytes), wrong, Ct));

        Assert.Null(await Store.GetInfoAsync(key, Ct));
        await AssertNoLeftoversAsync(key);
    }

    [Fact]
    public async Task Refused_put_keeps_the_object_already_at_the_key()
    {
        var good = Random(4000);
        var key = NewKey();
        await Store.PutAsync(key, new MemoryStream(good), ExpectationOf(good), Ct);

        await Assert.ThrowsAsync<BlobIntegrityException>(
            () => Store.PutAsync(key, new MemoryStream(Random(4000)), ExpectationOf(good), Ct));

        Assert.Equal(good, await ReadAllAsync(Store, key));
    }

    [Fact]
    public async Task Delete_removes_the_object_and_is_idempotent()
    {
        var key = NewKey();
        await Store.PutAsync(key, new MemoryStream(Random(100)), null, Ct);

        await Store.DeleteAsync(key, Ct);
        await Store.DeleteAsync(key, Ct);
        await Store.DeleteAsync(NewKey("never"), Ct);

        Assert.Null(await Store.GetInfoAsync(key, Ct));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync(key, null, Ct));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../b")]
    [InlineData("/abs/key")]
    [InlineData("Upper/case")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("a/b/")]
    [InlineData("a\\b")]
    [InlineData("")]
    public async Task Invalid_keys_are_refused(string key)
    {
        var body = new MemoryStream(Random(10));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetInfoAsync(key, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(key, null, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(key, body, null, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(key, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.StartMultipartAsync(key, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PromoteAsync(key, NewKey(), ExpectationOf([]), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PromoteAsync(NewKey(), key, ExpectationOf([]), Ct));
        Assert.Throws<ArgumentException>(() => Store.GetDirectReadUrl(key, TimeSpan.FromMinutes(5)));
        Assert.Throws<ArgumentException>(() => Store.GetDirectWriteUrl(key, TimeSpan.FromMinutes(5)));
    }
}
