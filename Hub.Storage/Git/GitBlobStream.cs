using System.Globalization;
using System.Text;

namespace Hub.Storage.Git;

/// <summary>
/// A blob's content streamed from <c>git cat-file --batch</c>'s stdout: never buffered whole, <see cref="Length"/> known
/// from the header up front. Disposing ends the process (killing it when the reader stopped early).
/// </summary>
internal sealed class GitBlobStream : Stream
{
    private readonly GitRunningProcess _git;
    private readonly long _length;
    private ReadOnlyMemory<byte> _leftover;
    private long _position;
    private bool _disposed;

    public GitBlobStream(GitRunningProcess git, long length, ReadOnlyMemory<byte> leftover)
    {
        _git = git;
        _length = length;
        _leftover = leftover;
    }

    public override bool CanRead => !_disposed;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Asks <c>cat-file --batch</c> for <paramref name="objectId"/> and reads its header line. Null when the object is
    /// missing or not a blob. Bytes read past the header belong to the content and come back as the leftover.
    /// </summary>
    public static async Task<(long Size, ReadOnlyMemory<byte> Leftover)?> ReadHeaderAsync(GitRunningProcess git, string objectId, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(git.Kill);
        try
        {
            await git.Stdin.WriteAsync(Encoding.ASCII.GetBytes(objectId + "\n"), cancellationToken);
        }
        catch (IOException)
        {
            // cat-file died; the empty stdout below reports it.
        }

        git.CloseStdin();
        var buffer = new byte[8192];
        var filled = 0;
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', 0, filled);
            if (newline >= 0)
                return Parse(Encoding.ASCII.GetString(buffer, 0, newline), buffer.AsMemory(newline + 1, filled - newline - 1));
            if (filled == buffer.Length)
                throw new IOException("git cat-file printed an over-long header.");
            var read = await git.Stdout.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var exitCode = await git.WaitForExitAsync(cancellationToken);
                throw new IOException($"git cat-file exited with {exitCode} before answering: {git.Error.Trim()}");
            }

            filled += read;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var max = Available(buffer.Length);
        if (max == 0)
            return 0;
        int read;
        if (!_leftover.IsEmpty)
        {
            read = Math.Min(max, _leftover.Length);
            _leftover.Span[..read].CopyTo(buffer);
            _leftover = _leftover[read..];
        }
        else
        {
            read = _git.Stdout.Read(buffer[..max]);
        }

        return Advance(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var max = Available(buffer.Length);
        if (max == 0)
            return 0;
        int read;
        if (!_leftover.IsEmpty)
        {
            read = Math.Min(max, _leftover.Length);
            _leftover[..read].CopyTo(buffer);
            _leftover = _leftover[read..];
        }
        else
        {
            read = await _git.Stdout.ReadAsync(buffer[..max], cancellationToken);
        }

        return Advance(read);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _git.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            // Fully read: cat-file has only its closing newline left and exits by itself (stdin is closed).
            if (_position == _length)
                await _git.WaitForExitAsync(CancellationToken.None);
            await _git.DisposeAsync();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private int Available(int requested)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (int)Math.Min(requested, _length - _position);
    }

    private int Advance(int read)
    {
        if (read == 0)
            throw new IOException($"git cat-file ended after {_position} of {_length} bytes.");
        _position += read;
        return read;
    }

    private static (long Size, ReadOnlyMemory<byte> Leftover)? Parse(string header, ReadOnlyMemory<byte> leftover)
    {
        // "<oid> blob <size>", or "<name> missing" / "<name> ambiguous"
        var parts = header.Split(' ');
        if (parts.Length != 3 || parts[1] != "blob")
            return null;
        return (long.Parse(parts[2], CultureInfo.InvariantCulture), leftover);
    }
}
