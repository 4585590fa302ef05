namespace Hub.Storage.Blobs;

/// <summary>
/// Read-only view of a stream that must hold exactly <c>length</c> bytes: ending early, or holding more, fails the read
/// with an <see cref="IOException"/> (so a store never keeps a part of the wrong length).
/// </summary>
internal sealed class ExactLengthStream(Stream inner, long length) : Stream
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
        if (_remaining == 0)
        {
            Span<byte> probe = stackalloc byte[1];
            return inner.Read(probe) == 0 ? 0 : throw TooLong();
        }
        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        return Count(read, buffer.Length);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining == 0)
            return await inner.ReadAsync(new byte[1], cancellationToken) == 0 ? 0 : throw TooLong();
        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken);
        return Count(read, buffer.Length);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read, int asked)
    {
        if (read == 0 && asked > 0)
            throw new IOException($"The content ended after {_length - _remaining} of {_length} bytes.");
        _remaining -= read;
        return read;
    }

    private IOException TooLong() => new($"The content holds more than {_length} bytes.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
