using Hub.Api.Hosting;

namespace Hub.Api.Tests.Hosting;

public sealed class KestrelMemoryPoolTests
{
    [Fact]
    public void Blocks_are_32_KiB_and_a_returned_block_is_rented_again()
    {
        using var pool = new KestrelMemoryPool();
        var first = pool.Rent();
        var memory = first.Memory;
        first.Dispose();
        using var second = pool.Rent(KestrelMemoryPool.BlockSize);

        Assert.Equal(32 * 1024, pool.MaxBufferSize);
        Assert.Equal(KestrelMemoryPool.BlockSize, memory.Length);
        Assert.True(second.Memory.Span == memory.Span);
        Assert.Equal(0, pool.FreeBlocks);
    }

    [Fact]
    public void A_block_disposed_twice_is_pooled_once()
    {
        using var pool = new KestrelMemoryPool();
        var block = pool.Rent();
        block.Dispose();
        block.Dispose();

        Assert.Equal(1, pool.FreeBlocks);
        using var again = pool.Rent();
        using var fresh = pool.Rent();
        Assert.False(again.Memory.Span == fresh.Memory.Span);
    }

    [Fact]
    public void Blocks_returned_past_the_retention_limit_are_left_to_the_collector()
    {
        using var pool = new KestrelMemoryPool();
        var blocks = Enumerable.Range(0, KestrelMemoryPool.RetainedBlocks + 10).Select(_ => pool.Rent()).ToList();
        foreach (var block in blocks) block.Dispose();

        Assert.Equal(KestrelMemoryPool.RetainedBlocks, pool.FreeBlocks);
    }

    [Fact]
    public void Asking_for_more_than_a_block_is_refused()
    {
        using var pool = new KestrelMemoryPool();
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(KestrelMemoryPool.BlockSize + 1));
    }
}
