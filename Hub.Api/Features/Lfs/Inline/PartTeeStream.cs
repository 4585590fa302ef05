namespace Hub.Api.Features.Lfs.Inline;

/// <summary>
/// The request body of a part on its way to the store, exactly <c>length</c> bytes long, each read also handed to the
/// part's <see cref="PartLease"/> (when the session is hashed inline). A body that ends early or holds more fails the
/// read and says so in <see cref="WrongLength"/>.
/// </summary>
internal sealed class PartTeeStream(Stream body, long length, PartLease? lease) : Stream
{
    /// <summary>Reads wait for at least this much (or the end): fewer, larger writes to the store and the spill.</summary>
    private const int MinimumRead = 256 * 1024;

    private readonly long _length = length;
    private long _remaining = length;

    /// <summary>Set when the body did not hold exactly the part's length.</summary>
    public string? WrongLength { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _length - _remaining;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty) return 0;
        if (_remaining == 0)
        {
            if (await body.ReadAsync(new byte[1], cancellationToken) == 0) return 0;
            throw Fail($"The part holds more than its {_length} bytes.");
        }
        var want = (int)Math.Min(buffer.Length, _remaining);
        var read = await body.ReadAtLeastAsync(buffer[..want], Math.Min(want, MinimumRead), throwOnEndOfStream: false, cancellationToken);
        if (read == 0) throw Fail($"The part ended after {_length - _remaining} of its {_length} bytes.");
        _remaining -= read;
        if (lease is not null) await lease.WriteAsync(buffer[..read], cancellationToken);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the part asynchronously.");

    private IOException Fail(string message)
    {
        WrongLength = message;
        return new IOException(message);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
