using Hub.Storage.Blobs;
using Hub.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static Hub.Storage.Tests.Blobs.TestBlobs;

namespace Hub.Storage.Tests.Blobs;

/// <summary>The blob store contract on the filesystem store, in a fresh folder per test.</summary>
public sealed class FileSystemBlobStoreContractTests : BlobStoreContractTests, IDisposable
{
    private readonly TempDirectory _root = new("hub-blobs");
    private readonly FileSystemBlobStore _store;

    public FileSystemBlobStoreContractTests() =>
        _store = new FileSystemBlobStore(_root.Path, TimeProvider.System, NullLogger<FileSystemBlobStore>.Instance);

    protected override IBlobStore Store => _store;

    public void Dispose() => _root.Dispose();

    protected override Task AssertNoLeftoversAsync(string key)
    {
        Assert.Empty(Entries(".tmp"));
        Assert.Empty(Entries(".multipart"));
        Assert.False(File.Exists(Path.Combine(_root.Path, "objects", key)));
        Assert.False(File.Exists(Path.Combine(_root.Path, ".meta", key)));
        return Task.CompletedTask;
    }

    [Fact]
    public void Direct_urls_are_null_because_the_hub_serves_the_bytes()
    {
        Assert.Null(Store.GetDirectReadUrl("lfs/x", TimeSpan.FromMinutes(5), "model.bin"));
        Assert.Null(Store.GetDirectWriteUrl("staging/x", TimeSpan.FromMinutes(5)));
        Assert.Null(Store.GetDirectPartUrl("staging/x", "id", 1, TimeSpan.FromMinutes(5)));
        Assert.Equal("filesystem", Store.Kind);
    }

    [Fact]
    public async Task Objects_live_under_the_root_and_completed_uploads_leave_no_parts()
    {
        var key = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var uploadId = await Store.StartMultipartAsync(key, Ct);
        var etag = await Store.PutPartAsync(key, uploadId, 1, new MemoryStream(Random(100)), Ct);

        await Store.CompleteMultipartAsync(key, uploadId, [new BlobPart(1, etag, 100)], Ct);

        Assert.True(File.Exists(Path.Combine(_root.Path, "objects", key)));
        Assert.Empty(Entries(".multipart"));
        Assert.Empty(Entries(".tmp"));
    }

    [Fact]
    public async Task Promote_hashes_again_bytes_changed_behind_the_store()
    {
        var bytes = Random(4096);
        var staging = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var key = BlobKeys.Lfs(Sha256(bytes));
        await Store.PutAsync(staging, new MemoryStream(bytes), ExpectationOf(bytes), Ct);
        // Same length, other bytes, same instant: a recorded hash would still look valid.
        var path = Path.Combine(_root.Path, "objects", staging);
        var stamp = File.GetLastWriteTimeUtc(path);
        await File.WriteAllBytesAsync(path, Random(4096));
        File.SetLastWriteTimeUtc(path, stamp);

        await Assert.ThrowsAsync<BlobIntegrityException>(() => Store.PromoteAsync(staging, key, ExpectationOf(bytes), Ct));

        Assert.Null(await Store.GetInfoAsync(key, Ct));
    }

    [Fact]
    public async Task Initialize_removes_temporary_files_left_by_a_crash_long_ago()
    {
        await _store.InitializeAsync(Ct);
        var old = Path.Combine(_root.Path, ".tmp", "old.tmp");
        var fresh = Path.Combine(_root.Path, ".tmp", "fresh.tmp");
        await File.WriteAllTextAsync(old, "x");
        await File.WriteAllTextAsync(fresh, "x");
        File.SetLastWriteTimeUtc(old, TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-2));

        await _store.InitializeAsync(Ct);

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
    }

    private string[] Entries(string folder)
    {
        var path = Path.Combine(_root.Path, folder);
        return Directory.Exists(path) ? Directory.GetFileSystemEntries(path) : [];
    }
}
