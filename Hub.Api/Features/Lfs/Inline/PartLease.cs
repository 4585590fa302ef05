using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Hub.Api.Features.Lfs.Inline;

/// <summary>
/// One part's share of its session's inline hash while the part streams to the store: its bytes are either hashed at
/// once (the part is the frontier) or spilled to a file. The caller ends it with the store's ETag, or without one when
/// the store did not take the part.
/// </summary>
internal sealed class PartLease
{
    private readonly SessionHash _session;
    private readonly int _part;
    private readonly long _length;
    private readonly IncrementalHash? _live;
    private readonly IncrementalHash? _before;
    private readonly SafeFileHandle? _spill;
    private readonly string? _path;
    private long _written;
    private string? _broken;

    private PartLease(SessionHash session, int part, long length, IncrementalHash? live, IncrementalHash? before, SafeFileHandle? spill, string? path)
    {
        _session = session;
        _part = part;
        _length = length;
        _live = live;
        _before = before;
        _spill = spill;
        _path = path;
    }

    public static PartLease Inline(SessionHash session, int part, long length, IncrementalHash live, IncrementalHash before) =>
        new(session, part, length, live, before, null, null);

    public static PartLease Spill(SessionHash session, int part, long length, string path) =>
        new(session, part, length, null, null, File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, FileOptions.None, length), path);

    /// <summary>Takes the next bytes of the part. A spill that fails breaks the lease, never the upload.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var offset = _written;
        _written += data.Length;
        if (_broken is not null) return;
        if (_live is not null)
        {
            _live.AppendData(data.Span);
            return;
        }
        try
        {
            await RandomAccess.WriteAsync(_spill!, data, offset, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _broken = "a part could not be spilled: " + e.Message;
        }
    }

    /// <summary>Ends the lease: <paramref name="etag"/> is the store's ETag of the part, or null when the store did not take it.</summary>
    public void End(string? etag)
    {
        _spill?.Dispose();
        if (etag is not null && _broken is null && _written != _length)
            _broken = $"part {_part} streamed {_written} bytes, not {_length}";
        // The store holds bytes this lease could not account for: the inline hash cannot describe the object any more.
        if (etag is not null && _broken is not null) _session.Drop(_broken);
        var counted = _broken is null ? etag : null;
        if (_live is not null)
            _session.EndInline(_part, _length, _live, _before!, counted);
        else
            _session.EndSpilled(_part, _length, _path!, counted);
    }
}
