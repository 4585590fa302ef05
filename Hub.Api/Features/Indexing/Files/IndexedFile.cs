namespace Hub.Api.Features.Indexing.Files;

/// <summary>
/// Random access to one file of a revision for the header readers: reads go through a window so a reader asking for
/// a few bytes at a time costs one ranged GET per window, and <see cref="BytesRead"/> counts what crossed the wire.
/// </summary>
public sealed class IndexedFile(string path, long length, Func<long, int, CancellationToken, Task<byte[]>> fetch)
{
    private const int Window = 64 * 1024;
    private long windowStart = -1;
    private byte[] window = [];

    public string Path { get; } = path;

    public long Length { get; } = length;

    /// <summary>Bytes fetched from storage so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Exactly <paramref name="count"/> bytes at <paramref name="offset"/>; throws <see cref="InvalidDataException"/> past the end.</summary>
    public async Task<byte[]> ReadAsync(long offset, int count, CancellationToken cancellationToken)
    {
        if (offset < 0 || count < 0 || offset + count > Length)
            throw new InvalidDataException($"{Path}: a header points past the end of the file ({offset}+{count} > {Length}).");
        if (count == 0) return [];
        if (windowStart < 0 || offset < windowStart || offset + count > windowStart + window.Length)
        {
            var size = (int)Math.Min(Math.Max(count, Window), Length - offset);
            window = await fetch(offset, size, cancellationToken);
            if (window.Length != size)
                throw new InvalidDataException($"{Path}: storage returned {window.Length} bytes where {size} were asked for.");
            windowStart = offset;
            BytesRead += size;
        }
        return window.AsSpan((int)(offset - windowStart), count).ToArray();
    }
}
