using System.Buffers;
using System.Collections.Concurrent;

namespace Hub.Api.Hosting;

/// <summary>
/// Kestrel's buffers, in blocks of <see cref="BlockSize"/> instead of its default 4 KiB. The socket transport receives
/// into whatever is left of the current block (at least 2 KiB), so with 4 KiB blocks a request body arrives in ~2 KiB
/// recv calls: half a million syscalls per GiB of LFS upload, each with its pipe segment, pool rent and return and
/// memory-pool metric updates (0.5-0.9 CPU-seconds per GiB of the upload bench's hub hop, measured). 32 KiB blocks cut
/// the calls sixteenfold; idle connections still hold no block (the transport waits for data before renting one).
/// </summary>
/// <remarks>
/// Blocks are pinned (sockets read into them) and kept for reuse up to <see cref="RetainedBlocks"/> per pool (Kestrel
/// makes one per I/O queue, up to 16); past that a returned block is left to the GC, so a burst does not pin its peak
/// for the life of the process.
/// </remarks>
internal sealed class KestrelMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 32 * 1024;

    /// <summary>Free blocks kept for reuse (8 MiB); a connection buffers at most 1 MiB of request (Kestrel's default).</summary>
    public const int RetainedBlocks = 256;

    private readonly ConcurrentQueue<Block> _free = new();
    private int _freeCount;

    /// <summary>Blocks waiting for reuse.</summary>
    internal int FreeBlocks => Volatile.Read(ref _freeCount);

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        if (_free.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _freeCount);
            block.Rented();
            return block;
        }
        return new Block(this, GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true));
    }

    private void Return(Block block)
    {
        if (Interlocked.Increment(ref _freeCount) > RetainedBlocks)
        {
            Interlocked.Decrement(ref _freeCount);
            return;
        }
        _free.Enqueue(block);
    }

    protected override void Dispose(bool disposing)
    {
        _free.Clear();
        _freeCount = 0;
    }

    private sealed class Block(KestrelMemoryPool pool, byte[] array) : IMemoryOwner<byte>
    {
        private int _returned;

        public Memory<byte> Memory => array;

        public void Rented() => _returned = 0;

        // Idempotent: a second dispose must not put the block in the pool twice.
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0) pool.Return(this);
        }
    }
}
