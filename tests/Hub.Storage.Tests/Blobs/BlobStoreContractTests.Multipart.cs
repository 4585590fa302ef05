using Hub.Storage.Blobs;
using static Hub.Storage.Tests.Blobs.TestBlobs;

namespace Hub.Storage.Tests.Blobs;

public abstract partial class BlobStoreContractTests
{
    [Fact]
    public async Task Multipart_upload_resumes_from_the_listed_parts_and_completes()
    {
        // S3 wants every part but the last to be at least 5 MiB.
        byte[][] parts = [Random(5 * MiB), Random(5 * MiB + 1), Random(MiB / 2)];
        var whole = parts.SelectMany(p => p).ToArray();
        var key = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var uploadId = await Store.StartMultipartAsync(key, Ct);
        var etag1 = await Store.PutPartAsync(key, uploadId, 1, new MemoryStream(parts[0]), Ct);
        var etag2 = await Store.PutPartAsync(key, uploadId, 2, new NonSeekableStream(parts[1]), Ct);

        // A client that restarts asks what is there and sends only the rest.
        var listed = await Store.ListPartsAsync(key, uploadId, Ct);
        Assert.Equal([1, 2], listed.Select(p => p.PartNumber));
        Assert.Equal([parts[0].Length, (long)parts[1].Length], listed.Select(p => p.Size));
        Assert.Equal([etag1, etag2], listed.Select(p => p.ETag));
        Assert.Null(await Store.GetInfoAsync(key, Ct));

        await Store.PutPartAsync(key, uploadId, 3, new MemoryStream(parts[2]), Ct);
        await Store.CompleteMultipartAsync(key, uploadId, await Store.ListPartsAsync(key, uploadId, Ct), Ct);

        Assert.Equal(whole.Length, (await Store.GetInfoAsync(key, Ct))?.Size);
        Assert.Equal(whole, await ReadAllAsync(Store, key));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.ListPartsAsync(key, uploadId, Ct));
    }

    [Fact]
    public async Task Multipart_upload_then_promote_publishes_the_verified_object()
    {
        byte[][] parts = [Random(5 * MiB), Random(1234)];
        var whole = parts.SelectMany(p => p).ToArray();
        var staging = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var key = BlobKeys.Lfs(Sha256(whole));
        var uploadId = await Store.StartMultipartAsync(staging, Ct);
        var sent = new List<BlobPart>();
        for (var i = 0; i < parts.Length; i++)
            sent.Add(new BlobPart(i + 1, await Store.PutPartAsync(staging, uploadId, i + 1, new MemoryStream(parts[i]), Ct), parts[i].Length));

        await Store.CompleteMultipartAsync(staging, uploadId, sent, Ct);
        await Store.PromoteAsync(staging, key, ExpectationOf(whole), Ct);

        Assert.Equal(new BlobInfo(key, whole.Length, Sha256(whole)), await Store.GetInfoAsync(key, Ct));
        Assert.Equal(whole, await ReadAllAsync(Store, key));
    }

    [Fact]
    public async Task A_part_sent_again_replaces_the_first_copy()
    {
        var key = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var uploadId = await Store.StartMultipartAsync(key, Ct);
        await Store.PutPartAsync(key, uploadId, 1, new MemoryStream(Random(1000)), Ct);
        var again = Random(2000);

        var etag = await Store.PutPartAsync(key, uploadId, 1, new MemoryStream(again), Ct);

        var listed = Assert.Single(await Store.ListPartsAsync(key, uploadId, Ct));
        Assert.Equal(new BlobPart(1, etag, 2000), listed);
        await Store.CompleteMultipartAsync(key, uploadId, [listed], Ct);
        Assert.Equal(again, await ReadAllAsync(Store, key));
    }

    [Fact]
    public async Task Abort_frees_the_upload_and_is_idempotent()
    {
        var key = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var uploadId = await Store.StartMultipartAsync(key, Ct);
        var etag = await Store.PutPartAsync(key, uploadId, 1, new MemoryStream(Random(1000)), Ct);

        await Store.AbortMultipartAsync(key, uploadId, Ct);
        await Store.AbortMultipartAsync(key, uploadId, Ct);

        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.ListPartsAsync(key, uploadId, Ct));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.PutPartAsync(key, uploadId, 2, new MemoryStream(Random(10)), Ct));
        await Assert.ThrowsAsync<BlobNotFoundException>(
            () => Store.CompleteMultipartAsync(key, uploadId, [new BlobPart(1, etag, 1000)], Ct));
        Assert.Null(await Store.GetInfoAsync(key, Ct));
    }

    [Fact]
    public async Task Complete_with_a_part_that_was_not_stored_is_refused()
    {
        var key = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var uploadId = await Store.StartMultipartAsync(key, Ct);
        var etag = await Store.PutPartAsync(key, uploadId, 1, new MemoryStream(Random(1000)), Ct);

        await Assert.ThrowsAsync<ArgumentException>(
            () => Store.CompleteMultipartAsync(key, uploadId, [new BlobPart(1, $"\"{new string('0', 32)}\"", 1000)], Ct));
        await Assert.ThrowsAsync<ArgumentException>(
            () => Store.CompleteMultipartAsync(key, uploadId, [new BlobPart(1, etag, 1000), new BlobPart(2, etag, 1000)], Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CompleteMultipartAsync(key, uploadId, [], Ct));

        Assert.Null(await Store.GetInfoAsync(key, Ct));
        await Store.AbortMultipartAsync(key, uploadId, Ct);
    }

    [Fact]
    public async Task An_upload_is_bound_to_the_key_it_was_started_for()
    {
        var key = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var uploadId = await Store.StartMultipartAsync(key, Ct);

        await Assert.ThrowsAsync<BlobNotFoundException>(
            () => Store.PutPartAsync(NewKey(), uploadId, 1, new MemoryStream(Random(10)), Ct));

        await Store.AbortMultipartAsync(key, uploadId, Ct);
    }

    [Fact]
    public async Task Unknown_upload_ids_are_not_found()
    {
        var key = BlobKeys.Staging(Guid.NewGuid().ToString("N"));

        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.ListPartsAsync(key, "../../etc", Ct));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.ListPartsAsync(key, "", Ct));
        await Store.AbortMultipartAsync(key, "../../etc", Ct);
    }

    [Fact]
    public async Task Part_numbers_outside_1_to_10000_are_refused()
    {
        var key = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var uploadId = await Store.StartMultipartAsync(key, Ct);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.PutPartAsync(key, uploadId, 0, new MemoryStream(Random(10)), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.PutPartAsync(key, uploadId, 10_001, new MemoryStream(Random(10)), Ct));

        await Store.AbortMultipartAsync(key, uploadId, Ct);
    }
}
