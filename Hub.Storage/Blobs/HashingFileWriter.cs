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
    /// <remarks>
    /// Three buffers rotate: while one is hashed, the next is being read and the previous one written, so reading,
    /// hashing and writing overlap instead of adding up. (Tasks, not ValueTasks: they are awaited again on failure;
    /// one allocation per MiB is nothing.)
    /// </remarks>
    public async Task<bool> AppendAsync(Stream source, long? limit, CancellationToken cancellationToken)
    {
        var buffers = new byte[3][];
        for (var i = 0; i < buffers.Length; i++)
            buffers[i] = ArrayPool<byte>.Shared.Rent(BlobHashing.BufferSize);
        var pendingWrite = Task.CompletedTask;
        var pendingRead = Task.FromResult(0);
        try
        {
            var read = await source.ReadAsync(buffers[0].AsMemory(0, BlobHashing.BufferSize), cancellationToken);
            for (var current = 0; read > 0; current = (current + 1) % buffers.Length)
            {
                // The buffer read into next was last written two rounds ago; that write was awaited one round ago.
                var next = buffers[(current + 1) % buffers.Length];
                pendingRead = source.ReadAsync(next.AsMemory(0, BlobHashing.BufferSize), cancellationToken).AsTask();
                _hash.AppendData(buffers[current], 0, read);
                await pendingWrite;
                pendingWrite = _file.WriteAsync(buffers[current].AsMemory(0, read), cancellationToken).AsTask();
                Size += read;
                if (Size > limit)
                    break;
                read = await pendingRead;
            }
            await pendingWrite;
            return limit is null || Size <= limit;
        }
        finally
        {
            // On failure (or an early stop) a read or write may still use a buffer: let both end before the buffers go
            // back to the pool. Their own errors are secondary to whatever ended the loop.
            await Task.WhenAll(pendingRead, pendingWrite).ContinueWith(static _ => { }, TaskScheduler.Default);
            foreach (var buffer in buffers)
                ArrayPool<byte>.Shared.Return(buffer);
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
