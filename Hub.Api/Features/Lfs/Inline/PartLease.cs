using System.Security.Cryptography;

namespace Hub.Api.Features.Lfs.Inline;

/// <summary>
/// One part's share of its session's inline hash while the part streams to the store: its bytes are either hashed at
/// once (the part is the frontier) or spilled to a file, which the session's drain may read back while it grows. The
/// caller ends it with the store's ETag, or without one when the store did not take the part.
/// </summary>
internal sealed class PartLease
{
    private readonly SessionHash _session;
    private readonly int _part;
    private readonly long _length;
    private readonly IncrementalHash? _live;
    private readonly IncrementalHash? _before;
    private readonly Lock _gate = new();
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _seen;
    private long _spilled;
    private bool _ended;
    private string? _endETag;
    private string? _broken;

    private PartLease(SessionHash session, int part, long length, IncrementalHash? live, IncrementalHash? before, PartSpill? spill)
    {
        _session = session;
        _part = part;
        _length = length;
        _live = live;
        _before = before;
        Spill = spill;
    }

    /// <summary>Where the part's bytes wait for their turn (null for a part hashed inline).</summary>
    public PartSpill? Spill { get; }

    public bool HasEnded
    {
        get
        {
            lock (_gate) return _ended;
        }
    }

    public static PartLease Inline(SessionHash session, int part, long length, IncrementalHash live, IncrementalHash before) =>
        new(session, part, length, live, before, null);

    public static PartLease Spilled(SessionHash session, int part, long length, PartSpill spill) =>
        new(session, part, length, null, null, spill);

    /// <summary>Takes the next bytes of the part. A spill that fails breaks the lease, never the upload.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var offset = _seen;
        _seen += data.Length;
        if (_broken is not null) return;
        if (_live is not null)
        {
            _live.AppendData(data.Span);
            return;
        }
        try
        {
            await Spill!.WriteAsync(data, offset, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _broken = "a part could not be spilled: " + e.Message;
            return;
        }
        Signal(() => _spilled = _seen);
    }

    /// <summary>Waits until more than <paramref name="offset"/> bytes are in the spill, or the part ended.</summary>
    public async Task<(long Spilled, bool Ended, string? ETag)> WaitForBytesAsync(long offset, CancellationToken ct)
    {
        while (true)
        {
            Task progress;
            lock (_gate)
            {
                if (_spilled > offset || _ended) return (_spilled, _ended, _endETag);
                progress = _progress.Task;
            }
            await progress.WaitAsync(ct);
        }
    }

    /// <summary>Called by the session when the drain that follows this part is to finish it.</summary>
    public void MarkEnded(string? etag) => Signal(() =>
    {
        _ended = true;
        _endETag = etag;
    });

    /// <summary>Ends the lease: <paramref name="etag"/> is the store's ETag of the part, or null when the store did not take it.</summary>
    public void End(string? etag)
    {
        if (etag is not null && _broken is null && _seen != _length)
            _broken = $"part {_part} streamed {_seen} bytes, not {_length}";
        // The store holds bytes this lease could not account for: the inline hash cannot describe the object any more.
        if (etag is not null && _broken is not null) _session.Drop(_broken);
        var counted = _broken is null ? etag : null;
        if (_live is not null)
            _session.EndInline(_part, _length, _live, _before!, counted);
        else
            _session.EndSpilled(this, _part, Spill!, counted);
    }

    private void Signal(Action change)
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            change();
            woken = _progress;
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        woken.TrySetResult();
    }
}
