using Microsoft.Extensions.Logging;

namespace Hub.Storage.Blobs;

/// <summary>
/// The embedded-default <see cref="IBlobStore"/>: objects are plain files under <c>{root}/objects/{key}</c>.
/// </summary>
/// <remarks>
/// Layout: <c>objects/</c> holds the published objects, <c>.meta/</c> their recorded sha256, <c>.tmp/</c> files being
/// written (same filesystem, so publishing is an atomic rename), <c>.multipart/{uploadId}/</c> the parts of open
/// multipart uploads. Objects live below <c>objects/</c> so no key can reach the store's own folders. A key that is
/// the folder of another key (<c>a</c> and <c>a/b</c>) cannot be stored here, unlike S3; Hub's keys never do that.
/// The hub serves and receives the bytes itself: the direct URL methods return null.
/// </remarks>
internal sealed partial class FileSystemBlobStore : IBlobStore, IInitializableBlobStore
{
    // Leftovers of writes interrupted by a crash; a live write touches its file far more often than this.
    private static readonly TimeSpan StaleTemporaryAge = TimeSpan.FromDays(1);

    private readonly string _objects;
    private readonly string _meta;
    private readonly string _tmp;
    private readonly string _multipart;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<FileSystemBlobStore> _logger;
    private readonly KeyLocks _locks = new();

    public FileSystemBlobStore(string root, TimeProvider timeProvider, ILogger<FileSystemBlobStore> logger)
    {
        Root = Path.GetFullPath(root);
        _objects = Path.Combine(Root, "objects");
        _meta = Path.Combine(Root, ".meta");
        _tmp = Path.Combine(Root, ".tmp");
        _multipart = Path.Combine(Root, ".multipart");
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public string Kind => "filesystem";

    /// <summary>The absolute root folder.</summary>
    internal string Root { get; }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        foreach (var dir in new[] { _objects, _meta, _tmp, _multipart })
            Directory.CreateDirectory(dir);
        var cutoff = _timeProvider.GetUtcNow().UtcDateTime - StaleTemporaryAge;
        foreach (var file in new DirectoryInfo(_tmp).EnumerateFiles())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.LastWriteTimeUtc < cutoff)
                TryDelete(file.FullName);
        }
        return Task.CompletedTask;
    }

    public async Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        var path = ObjectPath(key);
        // Under the key's lock, so the hash record read belongs to the object stat'ed (see PublishAsync).
        using var held = await _locks.AcquireAsync(key, cancellationToken);
        var file = new FileInfo(path);
        if (!file.Exists)
            return null;
        return new BlobInfo(key, file.Length, await ReadSha256Async(key, file, cancellationToken));
    }

    public Task<Stream> OpenReadAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (range is { } r)
            ByteRanges.Validate(r);
        var path = ObjectPath(key);
        FileStream file;
        try
        {
            // Unbuffered: readers copy in large chunks. FileShare.Delete lets a delete or overwrite go ahead while
            // someone still reads the old bytes.
            file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,
                BufferSize = 0,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException
                                      || (e is UnauthorizedAccessException && Directory.Exists(path)))
        {
            throw new BlobNotFoundException($"No blob at '{key}'.", e);
        }
        if (range is not { } range1)
            return Task.FromResult<Stream>(file);
        try
        {
            var length = ByteRanges.Clamp(range1, file.Length, key);
            file.Seek(range1.Offset, SeekOrigin.Begin);
            return Task.FromResult<Stream>(new BoundedReadStream(file, length));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public async Task<BlobInfo> PutAsync(string key, Stream content, BlobExpectation? expected, CancellationToken cancellationToken)
    {
        var path = ObjectPath(key);
        BlobHashing.ValidateExpectation(expected);
        using var activity = StorageTelemetry.ActivitySource.StartActivity("blob.put");
        activity?.SetTag("hub.blob.key", key);
        var tmp = NewTemporaryPath();
        try
        {
            var (size, sha256) = await WriteTemporaryAsync(tmp, content, expected?.Size, cancellationToken);
            if (expected is not null && (sha256 is null || !BlobHashing.Matches(expected, size, sha256)))
                throw BlobHashing.Mismatch(key, expected, size, sha256);
            await PublishAsync(tmp, key, path, sha256!, cancellationToken);
            StorageTelemetry.BlobBytesWritten.Add(size);
            return new BlobInfo(key, size, sha256);
        }
        finally
        {
            TryDelete(tmp);
        }
    }

    public async Task<BlobInfo> PromoteAsync(string stagingKey, string key, BlobExpectation expected, CancellationToken cancellationToken)
    {
        var stagingPath = ObjectPath(stagingKey);
        var path = ObjectPath(key);
        ArgumentNullException.ThrowIfNull(expected);
        BlobHashing.ValidateExpectation(expected);
        if (stagingKey == key)
            throw new ArgumentException("The staging key and the final key differ.", nameof(stagingKey));
        using var activity = StorageTelemetry.ActivitySource.StartActivity("blob.promote");
        activity?.SetTag("hub.blob.key", key);

        if (await GetInfoAsync(key, cancellationToken) is { } existing && existing.Sha256 == expected.Sha256 && existing.Size == expected.Size)
        {
            await DeleteAsync(stagingKey, cancellationToken);
            return existing;
        }

        var tmp = NewTemporaryPath();
        try
        {
            // Take the staging file out of everyone's reach first, so the bytes checked are the bytes published.
            using (await _locks.AcquireAsync(stagingKey, cancellationToken))
            {
                try { File.Move(stagingPath, tmp); }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                {
                    throw new BlobNotFoundException($"No blob at '{stagingKey}'.", e);
                }
                TryDelete(MetaPath(stagingKey));
            }
            var file = new FileInfo(tmp);
            // Hashed again although this store recorded a hash when it wrote the staging file: that record is only as
            // good as the stat it is checked against, and a wrong one here would publish unverified bytes.
            var sha256 = await HashFileAsync(tmp, cancellationToken);
            if (!BlobHashing.Matches(expected, file.Length, sha256))
                throw BlobHashing.Mismatch(stagingKey, expected, file.Length, sha256);
            await PublishAsync(tmp, key, path, sha256, cancellationToken);
            return new BlobInfo(key, file.Length, sha256);
        }
        finally
        {
            TryDelete(tmp);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = ObjectPath(key);
        using var held = await _locks.AcquireAsync(key, cancellationToken);
        DeleteIfExists(path);
        DeleteIfExists(MetaPath(key));
    }

    public Uri? GetDirectReadUrl(string key, TimeSpan lifetime, string? downloadFileName = null)
    {
        BlobKeys.Validate(key);
        return null;
    }

    public Uri? GetDirectWriteUrl(string key, TimeSpan lifetime)
    {
        BlobKeys.Validate(key);
        return null;
    }

    public Uri? GetDirectPartUrl(string key, string uploadId, int partNumber, TimeSpan lifetime)
    {
        BlobKeys.Validate(key);
        return null;
    }

    private string ObjectPath(string key)
    {
        BlobKeys.Validate(key);
        var path = Path.GetFullPath(Path.Combine(_objects, key));
        // BlobKeys already refuses '..' and absolute keys; this guards against a future change of those rules.
        if (!path.StartsWith(_objects + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Invalid blob key '{key}'.", nameof(key));
        return path;
    }

    private string NewTemporaryPath()
    {
        Directory.CreateDirectory(_tmp);
        return Path.Combine(_tmp, $"{Guid.NewGuid():N}.tmp");
    }

    /// <summary>Writes <paramref name="content"/> to a new file at <paramref name="tmp"/> and fsyncs it.</summary>
    /// <returns>Size and sha256; the sha256 is null when more than <paramref name="limit"/> bytes came.</returns>
    private static async Task<(long Size, string? Sha256)> WriteTemporaryAsync(
        string tmp, Stream content, long? limit, CancellationToken cancellationToken)
    {
        await using var writer = HashingFileWriter.Create(tmp);
        return await writer.AppendAsync(content, limit, cancellationToken) ? (writer.Size, writer.Complete()) : (writer.Size, null);
    }

    /// <summary>Records the hash, then renames the verified temporary file onto the key: readers see all or nothing.</summary>
    /// <remarks>Both steps under the key's lock, so concurrent writers of one key cannot pair one's record with the other's bytes.</remarks>
    private async Task PublishAsync(string tmp, string key, string path, string sha256, CancellationToken cancellationToken)
    {
        using var held = await _locks.AcquireAsync(key, cancellationToken);
        await WriteRecordAsync(key, sha256, tmp, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Move(tmp, path, overwrite: true);
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
        return (await BlobHashing.HashAsync(file, cancellationToken)).Sha256;
    }

    private static void DeleteIfExists(string path)
    {
        try { File.Delete(path); }
        catch (DirectoryNotFoundException) { }
    }

    private void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Could not remove the temporary blob file {Path}", path);
        }
    }
}
