using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using Hub.Api.Features.Indexing.Files;
using Hub.Storage.Blobs;

namespace Hub.Bench.Search;

/// <summary>
/// Stores a sharded safetensors model in the S3 blob store (real sizes: header + tensor bytes), then indexes it the
/// way the hub does — a ranged read of each shard's header, shards in parallel — and prints time and bytes read.
/// </summary>
public static class SafetensorsS3Bench
{
    public static async Task RunAsync(IBlobStore blobs, int shards, long shardBytes, CancellationToken ct)
    {
        var keys = new List<(string Key, long Length)>();
        var upload = Stopwatch.StartNew();
        for (var s = 1; s <= shards; s++)
        {
            var key = $"bench/model-{s:D5}-of-{shards:D5}.safetensors";
            var content = Shard(s, shardBytes);
            await blobs.PutAsync(key, content, null, ct);
            keys.Add((key, content.Length));
        }
        Console.WriteLine($"  uploaded {shards} × {shardBytes / (1024 * 1024)} MiB to {blobs.Kind} in {upload.Elapsed.TotalSeconds:F1} s");
        try
        {
            var clock = Stopwatch.StartNew();
            var files = keys.Select(k => new IndexedFile(k.Key, k.Length, async (offset, count, token) =>
            {
                await using var stream = await blobs.OpenReadAsync(k.Key, new ByteRange(offset, count), token);
                var buffer = new byte[count];
                await stream.ReadExactlyAsync(buffer, token);
                return buffer;
            })).ToList();
            var counts = await Task.WhenAll(files.Select(f => SafetensorsHeader.CountAsync(f, ct)));
            var elapsed = clock.Elapsed;
            var total = counts.SelectMany(c => c.Values).Sum();
            var bytesRead = files.Sum(f => f.BytesRead);
            var size = files.Sum(f => f.Length);
            Console.WriteLine($"  indexed {shards} shards ({size / (1024.0 * 1024 * 1024):F2} GiB, {total:N0} parameters) in {elapsed.TotalMilliseconds:F0} ms; " +
                              $"bytes read {bytesRead:N0} ({100.0 * bytesRead / size:F4} % of the model); target ≤ 2000 ms → {elapsed.TotalMilliseconds / 2000:P0} of the limit");
        }
        finally
        {
            foreach (var (key, _) in keys) await blobs.DeleteAsync(key, ct);
        }
    }

    /// <summary>A shard stream: an 8-byte length, the JSON header, then zeros up to <paramref name="bytes"/> (never held in memory).</summary>
    private static Stream Shard(int index, long bytes)
    {
        var tensors = new Dictionary<string, object>();
        long offset = 0, perTensor = 4 * 1024 * 1024;
        var n = 0;
        while (offset + perTensor <= bytes - 64 * 1024)
        {
            tensors[$"layers.{index}.{n++}.weight"] = new { dtype = "BF16", shape = new[] { perTensor / 2 / 1024, 1024 }, data_offsets = new[] { offset, offset + perTensor } };
            offset += perTensor;
        }
        var header = JsonSerializer.SerializeToUtf8Bytes(tensors);
        var prefix = new byte[8 + header.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        header.CopyTo(prefix, 8);
        return new ZeroTailStream(prefix, prefix.Length + offset);
    }

    private sealed class ZeroTailStream(byte[] prefix, long length) : Stream
    {
        private long position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            if (n <= 0) return 0;
            var span = buffer.AsSpan(offset, n);
            span.Clear();
            if (position < prefix.Length)
            {
                var fromPrefix = (int)Math.Min(n, prefix.Length - position);
                prefix.AsSpan((int)position, fromPrefix).CopyTo(span);
            }
            position += n;
            return n;
        }
    }
}
