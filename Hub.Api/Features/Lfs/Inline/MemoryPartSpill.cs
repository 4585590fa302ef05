using System.Buffers;
using System.Security.Cryptography;

namespace Hub.Api.Features.Lfs.Inline;

/// <summary>A spilled part in pooled chunks: one copy in, hashed in place, no file system on the way.</summary>
internal sealed class MemoryPartSpill(InlineUploadHashes owner, long length, ArrayPool<byte> pool)
    : PartSpill(owner, length, inMemory: true)
{
    public const int ChunkSize = 1 << 20;

    // Sized up front: the writer fills chunk slots while the drain reads earlier ones, so the array never moves.
    private readonly byte[]?[] _chunks = new byte[]?[(length + ChunkSize - 1) / ChunkSize];

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken ct)
    {
        var source = data.Span;
        while (!source.IsEmpty)
        {
            var index = (int)(offset / ChunkSize);
            var at = (int)(offset % ChunkSize);
            var chunk = _chunks[index] ??= pool.Rent(ChunkSize);
            var n = Math.Min(source.Length, ChunkSize - at);
            source[..n].CopyTo(chunk.AsSpan(at));
            source = source[n..];
            offset += n;
        }
        return ValueTask.CompletedTask;
    }

    public override Task HashAsync(IncrementalHash hash, long from, long to, CancellationToken ct)
    {
        while (from < to)
        {
            ct.ThrowIfCancellationRequested();
            var at = (int)(from % ChunkSize);
            var n = (int)Math.Min(to - from, ChunkSize - at);
            hash.AppendData(_chunks[(int)(from / ChunkSize)]!, at, n);
            from += n;
        }
        return Task.CompletedTask;
    }

    protected override void Free()
    {
        for (var i = 0; i < _chunks.Length; i++)
        {
            if (_chunks[i] is { } chunk) pool.Return(chunk);
            _chunks[i] = null;
        }
    }
}
