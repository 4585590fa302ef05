using Hub.Storage.Blobs;

namespace Hub.Api.Features.Scanning;

/// <summary>
/// A read-only, seekable view of a stored object through ranged reads, one window at a time, so the scanners (which are
/// synchronous: <see cref="System.IO.Compression.ZipArchive"/>, the opcode walker) can jump to a zip's central
/// directory or over tensor bytes without downloading them. Scans run on their own task; the blocking waits here
/// never hold a request thread.
/// </summary>
internal sealed class BlobRangeStream(IBlobStore blobs, string key, long length, CancellationToken cancellationToken) : Stream
{
    private const int WindowSize = 1024 * 1024;
    private byte[] window = [];
    private long windowStart = -1;
    private long position;

    /// <summary>Bytes fetched from storage.</summary>
    public long BytesFetched { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (position >= length || buffer.Length == 0) return 0;
        if (windowStart < 0 || position < windowStart || position >= windowStart + window.Length) Fetch();
        var available = (int)Math.Min(buffer.Length, windowStart + window.Length - position);
        window.AsSpan((int)(position - windowStart), available).CopyTo(buffer);
        position += available;
        return available;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        _ => length + offset,
    };

    private void Fetch()
    {
        var size = (int)Math.Min(WindowSize, length - position);
        window = FetchAsync(position, size).GetAwaiter().GetResult();
        windowStart = position;
        BytesFetched += window.Length;
        if (window.Length == 0) throw new EndOfStreamException($"The stored object {key} is shorter than its recorded size.");
    }

    private async Task<byte[]> FetchAsync(long offset, int size)
    {
        await using var stream = await blobs.OpenReadAsync(key, new ByteRange(offset, size), cancellationToken);
        var buffer = new byte[size];
        var read = await stream.ReadAtLeastAsync(buffer, size, throwOnEndOfStream: false, cancellationToken);
        return read == size ? buffer : buffer[..read];
    }

    public override void Flush() { }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
