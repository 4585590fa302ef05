using System.Security.Cryptography;

namespace Hub.Api.Tests.Git;

/// <summary>Files the git tests commit: random (incompressible) bytes written in chunks, hashed while written.</summary>
public static class TestFiles
{
    /// <summary>Writes <paramref name="size"/> random bytes to <paramref name="path"/>; returns their sha256 (hex).</summary>
    public static async Task<string> WriteRandomAsync(string path, long size)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        await using var file = File.Create(path);
        for (long written = 0; written < size; written += buffer.Length)
        {
            var count = (int)Math.Min(buffer.Length, size - written);
            RandomNumberGenerator.Fill(buffer.AsSpan(0, count));
            sha.AppendData(buffer, 0, count);
            await file.WriteAsync(buffer.AsMemory(0, count));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public static async Task<string> Sha256Async(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }

    public static async Task<string> Sha256Async(Stream stream) => Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));

    /// <summary>A git-lfs pointer file's text (spec v1).</summary>
    public static string LfsPointerText(string oid, long size) => $"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize {size}\n";
}
