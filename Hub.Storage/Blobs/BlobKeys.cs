using System.Text.RegularExpressions;

namespace Hub.Storage.Blobs;

/// <summary>Key rules shared by every <see cref="IBlobStore"/>.</summary>
public static partial class BlobKeys
{
    /// <summary>The content-addressed key of a git-lfs object: <c>lfs/ab/cd/abcd…</c>.</summary>
    public static string Lfs(string sha256)
    {
        if (!IsSha256(sha256))
            throw new ArgumentException("An LFS oid is 64 lower-case hex characters.", nameof(sha256));
        return $"lfs/{sha256[..2]}/{sha256[2..4]}/{sha256}";
    }

    /// <summary>A fresh key for bytes a client uploads before they are verified.</summary>
    public static string Staging(string uploadId) => $"{StagingPrefix}{uploadId}";

    /// <summary>Where clients write unverified bytes (through direct URLs on S3).</summary>
    internal const string StagingPrefix = "staging/";

    /// <summary>True for 64 lower-case hex characters.</summary>
    public static bool IsSha256(string? value) => value is not null && Sha256Regex().IsMatch(value);

    /// <summary>Throws unless <paramref name="key"/> follows the key rules of <see cref="IBlobStore"/>.</summary>
    public static void Validate(string key)
    {
        if (string.IsNullOrEmpty(key) || !KeyRegex().IsMatch(key) || key.Split('/').Any(s => s is "." or ".."))
            throw new ArgumentException($"Invalid blob key '{key}'.", nameof(key));
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Regex();

    [GeneratedRegex("^[a-z0-9._-]+(/[a-z0-9._-]+)*$")]
    private static partial Regex KeyRegex();
}
