using System.Buffers;
using System.Security.Cryptography;

namespace Hub.Storage.Blobs;

/// <summary>
/// Writes a new file while hashing what goes into it. Hashing one buffer overlaps with writing the previous one, so
/// the sha256 costs little next to the copy itself.
/// </summary>
internal sealed class HashingFileWriter : IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = BlobHashing.CreateSha256();

    private HashingFileWriter(FileStream file) => _file = file;

    /// <summary>Bytes written so far.</summary>
    public long Size { get; private set; }

    /// <summary>Creates <paramref name="path"/>, which must not exist yet (its folder must).</summary>
    public static HashingFileWriter Create(string path)
    {
        // No FileStream buffer: we always write whole 1 MiB chunks.
        return new HashingFileWriter(new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            Options = FileOptions.Asynchronous,
        }));
    }

    /// <summary>
    /// Appends <paramref name="source"/> to its end. Returns false, having stopped early, once more than
    /// <paramref name="limit"/> bytes were written in total: a body longer than claimed is not read to its end.
    /// </summary>
    public async Task<bool> AppendAsync(Stream source, long? limit, CancellationToken cancellationToken)
    {
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(BlobHashing.BufferSize), ArrayPool<byte>.Shared.Rent(BlobHashing.BufferSize)];
        var pendingWrite = ValueTask.CompletedTask;
        try
        {
            for (var current = 0; ; current ^= 1)
            {
                var buffer = buffers[current];
                var read = await source.ReadAsync(buffer.AsMemory(0, BlobHashing.BufferSize), cancellationToken);
                if (read > 0)
                    _hash.AppendData(buffer, 0, read);
                // A ValueTask is awaited once: clear it before awaiting so the finally block never awaits it again.
                var previous = pendingWrite;
                pendingWrite = ValueTask.CompletedTask;
                await previous;
                if (read == 0)
                    return true;
                pendingWrite = _file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                Size += read;
                if (Size > limit)
                {
                    previous = pendingWrite;
                    pendingWrite = ValueTask.CompletedTask;
                    await previous;
                    return false;
                }
            }
        }
        finally
        {
            // On failure a write may still read from a buffer: let it finish (its own error is secondary to the one
            // already on its way) before the buffers go back to the pool.
            try { await pendingWrite; }
            catch (IOException) { }
            catch (OperationCanceledException) { }
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }

    /// <summary>Flushes the file to disk (so a rename after this publishes durable bytes) and returns the sha256.</summary>
    public string Complete()
    {
        _file.Flush(flushToDisk: true);
        return BlobHashing.FinishHex(_hash);
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        _hash.Dispose();
    }
}
