using System.Security.Cryptography;

namespace Hub.Api.Features.Lfs.Inline;

// The drain: while the frontier part sits in a spill (stored, or still streaming), it hashes it from there. It is
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
            PartSpill? stored;
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
                _hashingStored = stored;
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
                            followed.Spill!.Dispose();
                        }
                    }
                    _hashingStored?.Dispose();
                    _hashingStored = null;
                }
                return;
            }
        }
    }

    private async Task HashStoredAsync(IncrementalHash hash, int part, PartSpill spill)
    {
        var length = PartLength(part);
        await spill.HashAsync(hash, 0, length, owner.Stopping);
        lock (_gate)
        {
            _hashingStored = null;
            if (_hash is not null)
            {
                _waiting[part - 1] = null;
                _hashedBytes += length;
                _frontier++;
            }
        }
        spill.Dispose();
    }

    /// <summary>Hashes a part from its spill while its request still writes it; counts it, or rolls back, when it ends.</summary>
    private async Task FollowAsync(IncrementalHash hash, int part, PartLease lease)
    {
        var length = PartLength(part);
        using var before = hash.Clone();
        long offset = 0;
        string? etag;
        var spill = lease.Spill!;
        while (true)
        {
            var (written, ended, endETag) = await lease.WaitForBytesAsync(offset, owner.Stopping);
            if (written > offset)
            {
                await spill.HashAsync(hash, offset, written, owner.Stopping);
                offset = written;
                continue;
            }
            if (ended)
            {
                etag = endETag;
                break;
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
        spill.Dispose();
    }
}
