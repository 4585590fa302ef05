namespace Hub.Web.Rendering;

/// <summary>
/// A read-only, seekable stream of a file of known length of which only some byte ranges were fetched (by HTTP range
/// requests): reads inside them are served from memory, a read outside them fails, so a reader can never make the
/// preview fetch more than it chose to.
/// </summary>
public sealed class SparseReadStream(long length) : Stream
{
    private readonly List<(long Offset, byte[] Bytes)> ranges = [];
    private long position;

    /// <summary>Makes the bytes at <paramref name="offset"/> readable; where ranges overlap, the last added is read.</summary>
    public void Add(long offset, byte[] bytes) => ranges.Insert(0, (offset, bytes));

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
        var wanted = (int)Math.Min(buffer.Length, length - position);
        foreach (var (start, bytes) in ranges)
        {
            if (position < start || position >= start + bytes.Length) continue;
            var n = (int)Math.Min(wanted, start + bytes.Length - position);
            bytes.AsSpan((int)(position - start), n).CopyTo(buffer);
            position += n;
            return n;
        }
        throw new IOException($"Bytes at {position} of the file were not fetched for the preview.");
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
