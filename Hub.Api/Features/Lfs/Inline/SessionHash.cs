using System.Security.Cryptography;
using Hub.Storage.Blobs;

namespace Hub.Api.Features.Lfs.Inline;

/// <summary>
/// The sha256 of one multipart upload session, computed in part order from the bytes this process streamed to the store.
/// A part that arrives at the frontier (the next part to hash) is hashed while it streams; one that arrives ahead is
/// spilled (to memory, or a file past a budget), and hashed once the frontier reaches it: read back while it is still being spilled if it is still
/// streaming then (so little is left to hash when the last part arrives), or whole once it is stored. Only parts the
/// store accepted count: a frontier part that fails rolls the hash back to a copy taken before it; a spilled part that
/// fails is deleted. Anything that could make the hash differ from the stored bytes (a part sent again once counted, a
/// full spill budget, an I/O error) drops the state: the completion then re-reads the object, as for sessions this
/// process never saw.
/// </summary>
internal sealed partial class SessionHash(InlineUploadHashes owner, string sessionId, long size, long chunkSize, int partCount)
{
    private readonly Lock _gate = new();
    private readonly string?[] _etags = new string?[partCount];
    private readonly PartSpill?[] _waiting = new PartSpill?[partCount]; // stored parts' spills, not hashed yet
    private readonly PartLease?[] _spilling = new PartLease?[partCount]; // parts streaming into a spill file
    private readonly TaskCompletionSource?[] _inFlight = new TaskCompletionSource?[partCount];
    private IncrementalHash? _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _frontier = 1;
    private long _hashedBytes;
    private bool _busy; // the hash is being fed: by the frontier part's request, or by the drain
    private PartLease? _following; // the streaming part the drain is hashing from its spill
    private PartSpill? _hashingStored; // the stored part's spill the drain is reading
    private Task _drain = Task.CompletedTask;

    public long LastTouched { get; private set; } = owner.Now;

    public long PartLength(int part) => part < partCount ? chunkSize : size - (partCount - 1) * chunkSize;

    /// <summary>
    /// Starts counting a part; null when this session is no longer hashed inline (stream the part plainly). A send of a
    /// part whose earlier send is still streaming (a client retrying a part it gave up on) waits for that one to end.
    /// </summary>
    public async Task<PartLease?> BeginAsync(int part, CancellationToken ct)
    {
        while (true)
        {
            Task earlier;
            lock (_gate)
            {
                if (_inFlight[part - 1] is not { } running) return BeginLocked(part);
                earlier = running.Task;
            }
            await earlier.WaitAsync(ct);
        }
    }

    private PartLease? BeginLocked(int part)
    {
        var length = PartLength(part);
        LastTouched = owner.Now;
        if (_hash is null) return null;
        if (_etags[part - 1] is not null)
        {
            DropLocked($"part {part} was sent again after it was counted");
            return null;
        }
        if (part == _frontier && !_busy)
        {
            _busy = true;
            _inFlight[part - 1] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return PartLease.Inline(this, part, length, _hash, _hash.Clone());
        }
        PartSpill? spill;
        try
        {
            spill = owner.CreateSpill(sessionId, part, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DropLocked("a part could not be spilled: " + e.Message);
            return null;
        }
        if (spill is null)
        {
            DropLocked("the spill budget of parts that arrived ahead of their turn is used up");
            return null;
        }
        var lease = PartLease.Spilled(this, part, length, spill);
        _inFlight[part - 1] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _spilling[part - 1] = lease;
        StartDrainLocked();
        return lease;
    }

    /// <summary>A frontier part streamed while hashed: counted on success, rolled back to <paramref name="before"/> otherwise.</summary>
    public void EndInline(int part, long length, IncrementalHash live, IncrementalHash before, string? etag)
    {
        lock (_gate)
        {
            EndFlightLocked(part);
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
    public void EndSpilled(PartLease lease, int part, PartSpill spill, string? etag)
    {
        lock (_gate)
        {
            _spilling[part - 1] = null;
            if (ReferenceEquals(_following, lease))
            {
                lease.MarkEnded(etag); // the drain, reading it back, finishes it
                return;
            }
            EndFlightLocked(part);
            if (_hash is not null && etag is not null)
            {
                _etags[part - 1] = etag;
                _waiting[part - 1] = spill;
                StartDrainLocked();
                return;
            }
        }
        spill.Dispose();
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
                // A part whose request has answered may still be finishing in the drain (read back from its spill file).
                if (_hash is not null && !_drain.IsCompleted)
                {
                    drain = _drain;
                }
                else
                {
                    if (_hash is null || _busy || Array.FindIndex(_inFlight, static f => f is not null) >= 0) return null;
                    return MatchesLocked(parts) ? Convert.ToHexStringLower(_hash.GetCurrentHash()) : null;
                }
            }
            await drain.WaitAsync(ct);
        }
    }

    private void EndFlightLocked(int part)
    {
        _inFlight[part - 1]?.TrySetResult();
        _inFlight[part - 1] = null;
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
            if (_waiting[i] is not { } spill) continue;
            _waiting[i] = null;
            if (!ReferenceEquals(spill, _hashingStored)) spill.Dispose(); // else the drain frees it when done reading
        }
    }
}
