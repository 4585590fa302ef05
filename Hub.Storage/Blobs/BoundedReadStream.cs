namespace Hub.Storage.Blobs;

/// <summary>
/// Read-only view of the next <c>length</c> bytes of another stream (a range of a file, or an S3 response body).
/// Disposing it disposes the inner stream and <c>owner</c> (e.g. the S3 response that holds the connection).
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long length, IDisposable? owner = null) : Stream
{
    private readonly long _length = length;
    private long _remaining = length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _length - _remaining;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_remaining == 0 || buffer.IsEmpty)
            return 0;
        var read = inner.Read(buffer[..Limit(buffer.Length)]);
        return Advance(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining == 0 || buffer.IsEmpty)
            return 0;
        var read = await inner.ReadAsync(buffer[..Limit(buffer.Length)], cancellationToken);
        return Advance(read);
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            owner?.Dispose();
        }
        base.Dispose(disposing);
    }

    private int Limit(int requested) => (int)Math.Min(requested, _remaining);

    private int Advance(int read)
    {
        // A body that ends before its announced length is a truncated transfer: say so instead of passing on
        // fewer bytes than Length promised.
        if (read == 0)
            throw new IOException($"The stream ended {_remaining} bytes before its announced length of {_length}.");
        _remaining -= read;
        return read;
    }
}
