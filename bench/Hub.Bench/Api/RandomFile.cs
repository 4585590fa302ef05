using System.Security.Cryptography;

namespace Hub.Bench.Api;

/// <summary>Writes incompressible bytes to a file and returns their sha256.</summary>
public static class RandomFile
{
    public static async Task<string> WriteAsync(string path, long size, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
        var buffer = new byte[4 << 20];
        for (long written = 0; written < size; written += buffer.Length)
        {
            var n = (int)Math.Min(buffer.Length, size - written);
            RandomNumberGenerator.Fill(buffer.AsSpan(0, n));
            hash.AppendData(buffer, 0, n);
            await file.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
