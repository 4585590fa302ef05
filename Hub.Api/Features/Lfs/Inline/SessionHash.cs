using System.Buffers;
using System.Security.Cryptography;
using Hub.Storage.Blobs;
using Microsoft.Win32.SafeHandles;

namespace Hub.Api.Features.Lfs.Inline;

/// <summary>
/// The sha256 of one multipart upload session, computed in part order from the bytes this process streamed to the store.
/// A part that arrives at the frontier (the next part to hash) is hashed while it streams; one that arrives ahead is
/// spilled to a file and hashed when the frontier reaches it. Only parts the store accepted count: a failed frontier part
/// rolls the hash back to a copy taken before it, a failed spilled part is deleted. Anything that could make the hash
/// differ from the stored bytes (a part sent again once counted, two sends of one part at once, a full spill budget, an
/// I/O error) drops the state: the completion then re-reads the object, as for sessions this process never saw.
/// </summary>
internal sealed class SessionHash(InlineUploadHashes owner, string sessionId, long size, long chunkSize, int partCount)
{
    private readonly Lock _gate = new();
    private readonly string?[] _etags = new string?[partCount];
    private readonly string?[] _waiting = new string?[partCount];
    private readonly bool[] _inFlight = new bool[partCount];
    private IncrementalHash? _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _frontier = 1;
    private long _hashedBytes;
    private bool _busy; // the hash is being fed: by the frontier part's request, or by the drain
    private Task _drain = Task.CompletedTask;

    public long LastTouched { get; private set; } = owner.Now;

    public long PartLength(int part) => part < partCount ? chunkSize : size - (partCount - 1) * chunkSize;

    /// <summary>Starts counting a part; null when this session is no longer hashed inline (stream the part plainly).</summary>
    public PartLease? Begin(int part)
    {
        var length = PartLength(part);
        lock (_gate)
        {
            LastTouched = owner.Now;
            if (_hash is null) return null;
            if (_etags[part - 1] is not null || _inFlight[part - 1])
            {
                DropLocked($"part {part} was sent again after it was counted");
                return null;
            }
            if (part == _frontier && !_busy)
            {
                _busy = true;
                _inFlight[part - 1] = true;
                return PartLease.Inline(this, part, length, _hash, _hash.Clone());
            }
            if (!owner.TryReserveSpill(length))
            {
                DropLocked("the spill budget of parts that arrived ahead of their turn is used up");
                return null;
            }
            try
            {
                var lease = PartLease.Spill(this, part, length, owner.SpillPath(sessionId, part));
                _inFlight[part - 1] = true;
                return lease;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                owner.ReleaseSpill(length);
                DropLocked("a part could not be spilled: " + e.Message);
                return null;
            }
        }
    }

    /// <summary>A frontier part streamed while hashed: counted on success, rolled back to <paramref name="before"/> otherwise.</summary>
    public void EndInline(int part, long length, IncrementalHash live, IncrementalHash before, string? etag)
    {
        lock (_gate)
        {
            _inFlight[part - 1] = false;
            _busy = false;
            if (_hash is null)
            {
                live.Dispose();
                before.Dispose();
                return;
            }
            if (etag is null)
            {
                live.Dispose();
                _hash = before;
                return;
            }
            before.Dispose();
            _etags[part - 1] = etag;
            _hashedBytes += length;
            _frontier++;
            StartDrainLocked();
        }
    }

    /// <summary>A part spilled while it streamed: waits for its turn on success, deleted otherwise.</summary>
    public void EndSpilled(int part, long length, string path, string? etag)
    {
        lock (_gate)
        {
            _inFlight[part - 1] = false;
            if (_hash is not null && etag is not null)
            {
                _etags[part - 1] = etag;
                _waiting[part - 1] = path;
                StartDrainLocked();
                return;
            }
        }
        owner.ReleaseSpill(length);
        InlineUploadHashes.DeleteQuietly(path);
    }

    /// <summary>
    /// The sha256 of the whole object when every part was hashed here and the store holds exactly those parts (same
    /// numbers, sizes and ETags); null when the completion must re-read the object.
    /// </summary>
    public async Task<string?> TryGetSha256Async(IReadOnlyList<BlobPart> parts, CancellationToken ct)
    {
        while (true)
        {
            Task drain;
            lock (_gate)
            {
                if (_hash is null || Array.IndexOf(_inFlight, true) >= 0) return null;
                if (!_busy) return MatchesLocked(parts) ? Convert.ToHexStringLower(_hash.GetCurrentHash()) : null;
                drain = _drain;
            }
            await drain.WaitAsync(ct);
        }
    }

    private bool MatchesLocked(IReadOnlyList<BlobPart> parts)
    {
        if (_frontier != partCount + 1 || _hashedBytes != size || parts.Count != partCount) return false;
        for (var i = 0; i < partCount; i++)
        {
            var part = parts[i];
            if (part.PartNumber != i + 1 || part.Size != PartLength(i + 1) || !SameETag(part.ETag, _etags[i])) return false;
        }
        return true;
    }

    private static bool SameETag(string stored, string? hashed) =>
        hashed is not null && stored.AsSpan().Trim('"').SequenceEqual(hashed.AsSpan().Trim('"'));

    /// <summary>Stops hashing inline (logged with <paramref name="reason"/> unless null); spilled parts go. Idempotent.</summary>
    public void Drop(string? reason)
    {
        lock (_gate) DropLocked(reason);
    }

    private void DropLocked(string? reason)
    {
        if (_hash is null) return;
        if (reason is not null) owner.LogDropped(sessionId, reason);
        if (!_busy) _hash.Dispose(); // else whoever feeds it disposes it when done
        _hash = null;
        for (var i = 0; i < _waiting.Length; i++)
        {
            if (_waiting[i] is not { } path) continue;
            _waiting[i] = null;
            owner.ReleaseSpill(PartLength(i + 1));
            InlineUploadHashes.DeleteQuietly(path);
        }
    }

    private void StartDrainLocked()
    {
        if (_busy || _hash is null || _frontier > partCount || _waiting[_frontier - 1] is null) return;
        _busy = true;
        var hash = _hash;
        _drain = Task.Run(() => DrainAsync(hash));
    }

    /// <summary>Hashes spilled parts while the frontier has one waiting; the only feeder of the hash meanwhile.</summary>
    private async Task DrainAsync(IncrementalHash hash)
    {
        while (true)
        {
            string path;
            long length;
            lock (_gate)
            {
                if (_hash is null || _frontier > partCount || _waiting[_frontier - 1] is not { } next)
                {
                    _busy = false;
                    if (_hash is null) hash.Dispose();
                    return;
                }
                path = next;
                length = PartLength(_frontier);
            }
            try
            {
                await HashFileAsync(hash, path, length, owner.Stopping);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException)
            {
                lock (_gate)
                {
                    _busy = false;
                    DropLocked("a spilled part could not be read back: " + e.Message);
                    hash.Dispose();
                }
                return;
            }
            lock (_gate)
            {
                if (_hash is not null)
                {
                    _waiting[_frontier - 1] = null;
                    _hashedBytes += length;
                    _frontier++;
                    owner.ReleaseSpill(length);
                    InlineUploadHashes.DeleteQuietly(path);
                }
            }
        }
    }

    private static async Task HashFileAsync(IncrementalHash hash, string path, long length, CancellationToken ct)
    {
        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        if (RandomAccess.GetLength(file) != length) throw new IOException($"The spilled part holds {RandomAccess.GetLength(file)} bytes, not {length}.");
        var buffer = ArrayPool<byte>.Shared.Rent(InlineUploadHashes.BufferSize);
        try
        {
            long offset = 0;
            while (offset < length)
            {
                var read = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - offset)), offset, ct);
                if (read == 0) throw new IOException("The spilled part ended early.");
                hash.AppendData(buffer, 0, read);
                offset += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
