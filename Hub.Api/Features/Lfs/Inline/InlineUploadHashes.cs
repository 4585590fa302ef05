using System.Buffers;
using System.Collections.Concurrent;
using Hub.Storage;
using Hub.Storage.Blobs;
using Hub.Storage.Metadata.Lfs;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Lfs.Inline;

/// <summary>
/// The sha256 of multipart uploads whose parts stream through this hub process, computed in part order on the way
/// (<see cref="SessionHash"/>), so completing such an upload needs no re-read of the object. Process-local: parts that
/// reached another process, or a restart, leave a session without a complete hash, and its completion re-reads.
/// </summary>
/// <remarks>
/// Parts that arrive ahead of their turn wait in memory, within <see cref="LfsOptions.InlineHashMemoryLimit"/> bytes for
/// the whole process, then in <c>{DataDir}/temp/lfs-parts/{process}</c>, within <see cref="LfsOptions.InlineHashSpillLimit"/>;
/// the folder goes when the hub stops, and folders left by processes that died are removed once older than a session
/// lifetime.
/// </remarks>
public sealed class InlineUploadHashes : IDisposable
{
    /// <summary>Read size when hashing a spilled part.</summary>
    internal const int BufferSize = 1 << 20;

    private readonly ConcurrentDictionary<string, SessionHash> _sessions = new(StringComparer.Ordinal);
    private readonly string _directory;
    private readonly LfsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<InlineUploadHashes> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ArrayPool<byte> _chunks;
    private long _inMemory;
    private long _inFiles;
    private int _begun;

    public InlineUploadHashes(IConfiguration configuration, IOptions<LfsOptions> options, TimeProvider time, ILogger<InlineUploadHashes> logger)
    {
        _options = options.Value;
        // Its own pool, sized to the memory budget: spilled chunks are reused rather than churned through the large-object heap.
        _chunks = ArrayPool<byte>.Create(MemoryPartSpill.ChunkSize, (int)Math.Clamp(_options.InlineHashMemoryLimit / MemoryPartSpill.ChunkSize, 1, 4096));
        _time = time;
        _logger = logger;
        var root = Path.Combine(HubPaths.DataDir(configuration), "temp", "lfs-parts");
        _directory = Path.Combine(root, Guid.NewGuid().ToString("N"));
        RemoveAbandonedFolders(root);
    }

    /// <summary>Bytes of parts waiting for their turn in memory, across sessions.</summary>
    public long BytesInMemory => Interlocked.Read(ref _inMemory);

    /// <summary>Bytes of parts waiting for their turn in files, across sessions.</summary>
    public long BytesInFiles => Interlocked.Read(ref _inFiles);

    internal long Now => _time.GetUtcNow().UtcTicks;

    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>Starts counting a part of an in-place session; null when the session is not (or no longer) hashed inline.</summary>
    internal Task<PartLease?> BeginPartAsync(UploadSessionRecord session, int part, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _begun) % 256 == 0) ForgetIdle();
        return _sessions.GetOrAdd(session.Id, static (id, s) => new SessionHash(s.Owner, id, s.Session.Size, s.Session.ChunkSize, s.Session.PartCount),
            (Owner: this, Session: session)).BeginAsync(part, ct);
    }

    /// <summary>The session's sha256 when this process hashed exactly the parts the store holds; otherwise null.</summary>
    internal Task<string?> TryGetSha256Async(UploadSessionRecord session, IReadOnlyList<BlobPart> parts, CancellationToken ct) =>
        _sessions.TryGetValue(session.Id, out var hash) ? hash.TryGetSha256Async(parts, ct) : Task.FromResult<string?>(null);

    /// <summary>Frees what the session holds here (finished, abandoned or expired).</summary>
    public void Forget(string sessionId)
    {
        if (_sessions.TryRemove(sessionId, out var hash)) hash.Drop(null);
    }

    /// <summary>A place for a part that arrived ahead of its turn: memory within its budget, else a file within its; null when both are taken.</summary>
    internal PartSpill? CreateSpill(string sessionId, int part, long length)
    {
        if (TryReserve(ref _inMemory, length, _options.InlineHashMemoryLimit)) return new MemoryPartSpill(this, length, _chunks);
        if (!TryReserve(ref _inFiles, length, _options.InlineHashSpillLimit)) return null;
        try
        {
            Directory.CreateDirectory(_directory);
            return new FilePartSpill(this, length, Path.Combine(_directory, $"{sessionId}-{part}-{Guid.NewGuid():N}.part"));
        }
        catch
        {
            Interlocked.Add(ref _inFiles, -length);
            throw;
        }
    }

    internal void Release(long length, bool inMemory) => Interlocked.Add(ref inMemory ? ref _inMemory : ref _inFiles, -length);

    private static bool TryReserve(ref long used, long length, long limit)
    {
        if (Interlocked.Add(ref used, length) <= limit) return true;
        Interlocked.Add(ref used, -length);
        return false;
    }

    internal void LogDropped(string sessionId, string reason) =>
        _logger.LogInformation("Upload session {Session} is no longer hashed inline ({Reason}); its completion will re-read the object", sessionId, reason);

    internal static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder goes with the process; a file that resists now goes then.
        }
    }

    // Sessions finished or reaped by another process never reach Forget here.
    private void ForgetIdle()
    {
        var cutoff = Now - _options.UploadSessionLifetime.Ticks;
        foreach (var (id, hash) in _sessions)
        {
            if (hash.LastTouched < cutoff) Forget(id);
        }
    }

    private void RemoveAbandonedFolders(string root)
    {
        if (!Directory.Exists(root)) return;
        var cutoff = _time.GetUtcNow().UtcDateTime - _options.UploadSessionLifetime;
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            try
            {
                if (Directory.GetLastWriteTimeUtc(folder) < cutoff) Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _logger.LogWarning(e, "Could not remove the abandoned part folder {Folder}", folder);
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var id in _sessions.Keys) Forget(id);
        try
        {
            if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Could not remove the part folder {Folder}", _directory);
        }
        _stopping.Dispose();
    }
}
