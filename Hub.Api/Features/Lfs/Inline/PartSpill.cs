using System.Security.Cryptography;

namespace Hub.Api.Features.Lfs.Inline;

/// <summary>
/// The bytes of a part that arrived ahead of its turn, kept until they can be hashed in order: in pooled memory while
/// the process's memory budget allows (<see cref="MemoryPartSpill"/>), else in a file (<see cref="FilePartSpill"/>).
/// Written by the part's request only, front to back; read (hashed) only below what was written. Disposing frees the
/// bytes and the budget they held; it is idempotent.
/// </summary>
internal abstract class PartSpill(InlineUploadHashes owner, long length, bool inMemory) : IDisposable
{
    private int _disposed;

    public long Length => length;

    public abstract ValueTask WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken ct);

    /// <summary>Feeds bytes <paramref name="from"/> to <paramref name="to"/> (already written) to <paramref name="hash"/>.</summary>
    public abstract Task HashAsync(IncrementalHash hash, long from, long to, CancellationToken ct);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Free();
        owner.Release(length, inMemory);
    }

    protected abstract void Free();
}
