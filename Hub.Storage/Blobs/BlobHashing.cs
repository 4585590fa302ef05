using System.Buffers;
using System.Security.Cryptography;

namespace Hub.Storage.Blobs;

/// <summary>SHA-256 helpers and the expectation checks shared by both stores.</summary>
internal static class BlobHashing
{
    /// <summary>Copy buffer size: large enough that per-call overhead vanishes next to the bytes moved.</summary>
    public const int BufferSize = 1 << 20;

    public static IncrementalHash CreateSha256() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public static string FinishHex(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetHashAndReset());

    /// <summary>Reads <paramref name="source"/> to its end, returning its length and sha256.</summary>
    /// <remarks>The next chunk is read while the current one is hashed, so the hash costs little on top of the read.</remarks>
    public static async Task<(long Size, string Sha256)> HashAsync(Stream source, CancellationToken cancellationToken)
    {
        using var hash = CreateSha256();
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(BufferSize), ArrayPool<byte>.Shared.Rent(BufferSize)];
        var pendingRead = Task.FromResult(0);
        try
        {
            long size = 0;
            var read = await source.ReadAsync(buffers[0].AsMemory(0, BufferSize), cancellationToken);
            for (var current = 0; read > 0; current ^= 1)
            {
                pendingRead = source.ReadAsync(buffers[current ^ 1].AsMemory(0, BufferSize), cancellationToken).AsTask();
                hash.AppendData(buffers[current], 0, read);
                size += read;
                read = await pendingRead;
            }
            return (size, FinishHex(hash));
        }
        finally
        {
            // A read still filling a buffer after a failure must end before the buffer goes back to the pool.
            await pendingRead.ContinueWith(static _ => { }, TaskScheduler.Default);
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }

    public static void ValidateExpectation(BlobExpectation? expected)
    {
        if (expected is null)
            return;
        if (expected.Size < 0)
            throw new ArgumentOutOfRangeException(nameof(expected), expected.Size, "An expected size is not negative.");
        if (!BlobKeys.IsSha256(expected.Sha256))
            throw new ArgumentException("An expected sha256 is 64 lower-case hex characters.", nameof(expected));
    }

    public static bool Matches(BlobExpectation expected, long size, string sha256) =>
        size == expected.Size && string.Equals(sha256, expected.Sha256, StringComparison.Ordinal);

    /// <summary>Counts and throws the integrity failure; callers have already removed what they wrote.</summary>
    public static BlobIntegrityException Mismatch(string key, BlobExpectation expected, long size, string? sha256)
    {
        StorageTelemetry.BlobIntegrityFailures.Add(1);
        var got = sha256 is null ? $"more than {expected.Size} bytes" : $"{size} bytes with sha256 {sha256}";
        return new BlobIntegrityException(
            $"Bytes for '{key}' do not match: expected {expected.Size} bytes with sha256 {expected.Sha256}, got {got}.");
    }
}
