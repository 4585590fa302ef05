using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Hub.Api.Features.Lfs.Inline;

// The drain: while the frontier part sits in a spill file (stored, or still streaming), it hashes it from there. It is
// the only feeder of the hash meanwhile (_busy); it ends when the frontier part is not spilled (not there yet, or
// about to be hashed inline by its own request).
internal sealed partial class SessionHash
{
    private void StartDrainLocked()
    {
        if (_busy || _hash is null || _frontier > partCount) return;
        if (_waiting[_frontier - 1] is null && _spilling[_frontier - 1] is null) return;
        _busy = true;
        var hash = _hash;
        _drain = Task.Run(() => DrainAsync(hash));
    }

    private async Task DrainAsync(IncrementalHash hash)
    {
        while (true)
        {
            string? stored;
            PartLease? streaming;
            int part;
            lock (_gate)
            {
                if (_hash is null || _frontier > partCount || (_waiting[_frontier - 1] is null && _spilling[_frontier - 1] is null))
                {
                    _busy = false;
                    if (_hash is null) hash.Dispose();
                    return;
                }
                hash = _hash;
                part = _frontier;
                stored = _waiting[part - 1];
                streaming = _spilling[part - 1];
                if (stored is null) _following = streaming;
            }
            try
            {
                if (stored is not null)
                    await HashStoredAsync(hash, part, stored);
                else
                    await FollowAsync(hash, part, streaming!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException)
            {
                lock (_gate)
                {
                    _busy = false;
                    DropLocked("a spilled part could not be read back: " + e.Message);
                    hash.Dispose();
                    // A followed part that already ended was left to the drain: free it here. One still streaming is
                    // freed by its own end, now that nobody follows it.
                    if (_following is { } followed)
                    {
                        _following = null;
                        if (followed.HasEnded)
                        {
                            EndFlightLocked(part);
                            owner.ReleaseSpill(PartLength(part));
                            InlineUploadHashes.DeleteQuietly(followed.Path);
                        }
                    }
                }
                return;
            }
        }
    }

    private async Task HashStoredAsync(IncrementalHash hash, int part, string path)
    {
        var length = PartLength(part);
        using (var file = OpenSpill(path))
        {
            if (RandomAccess.GetLength(file) != length) throw new IOException($"The spilled part holds {RandomAccess.GetLength(file)} bytes, not {length}.");
            await HashRangeAsync(hash, file, 0, length, owner.Stopping);
        }
        lock (_gate)
        {
            if (_hash is null) return; // dropped meanwhile: the file went with the drop
            _waiting[part - 1] = null;
            _hashedBytes += length;
            _frontier++;
        }
        owner.ReleaseSpill(length);
        InlineUploadHashes.DeleteQuietly(path);
    }

    /// <summary>Hashes a part from its spill file while its request still writes it; counts it, or rolls back, when it ends.</summary>
    private async Task FollowAsync(IncrementalHash hash, int part, PartLease lease)
    {
        var length = PartLength(part);
        using var before = hash.Clone();
        long offset = 0;
        string? etag;
        using (var file = OpenSpill(lease.Path))
        {
            while (true)
            {
                var (written, ended, endETag) = await lease.WaitForBytesAsync(offset, owner.Stopping);
                if (written > offset)
                {
                    await HashRangeAsync(hash, file, offset, written, owner.Stopping);
                    offset = written;
                    continue;
                }
                if (ended)
                {
                    etag = endETag;
                    break;
                }
            }
        }
        lock (_gate)
        {
            _following = null;
            EndFlightLocked(part);
            if (_hash is not null)
            {
                if (etag is not null && offset == length)
                {
                    _etags[part - 1] = etag;
                    _hashedBytes += length;
                    _frontier++;
                }
                else
                {
                    hash.Dispose();
                    _hash = before.Clone();
                }
            }
        }
        owner.ReleaseSpill(length);
        InlineUploadHashes.DeleteQuietly(lease.Path);
    }

    private static SafeFileHandle OpenSpill(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);

    private static async Task HashRangeAsync(IncrementalHash hash, SafeFileHandle file, long from, long to, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InlineUploadHashes.BufferSize);
        try
        {
            for (var offset = from; offset < to;)
            {
                var read = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, (int)Math.Min(buffer.Length, to - offset)), offset, ct);
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
