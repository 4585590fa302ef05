using System.Security.Cryptography;
using Hub.Storage.Blobs;

namespace Hub.Storage.Tests.Blobs;

/// <summary>Random payloads and what a store should say about them.</summary>
internal static class TestBlobs
{
    public const int MiB = 1 << 20;

    public static byte[] Random(int length)
    {
        var bytes = new byte[length];
        System.Random.Shared.NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static BlobExpectation ExpectationOf(byte[] bytes) => new(bytes.Length, Sha256(bytes));

    /// <summary>A fresh key under <paramref name="prefix"/>, so tests never share objects.</summary>
    public static string NewKey(string prefix = "t") => $"{prefix}/{Guid.NewGuid():N}";

    public static async Task<byte[]> ReadAllAsync(IBlobStore store, string key, ByteRange? range = null)
    {
        await using var stream = await store.OpenReadAsync(key, range, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
