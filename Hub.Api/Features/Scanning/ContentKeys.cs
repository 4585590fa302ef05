using System.Security.Cryptography;
using System.Text;
using Hub.Api.Features.Files;

namespace Hub.Api.Features.Scanning;

/// <summary>Scan verdicts are kept per content: <c>sha256:{oid}</c> for LFS objects, <c>git:{blob id}</c> for files in git.</summary>
public static class ContentKeys
{
    public static string Lfs(string oid) => "sha256:" + oid;

    public static string Git(string blobId) => "git:" + blobId;

    public static string Of(RepoFileEntry file) => file.Lfs is { } lfs ? Lfs(lfs.Oid) : Git(file.Entry.ObjectId);

#pragma warning disable CA5350 // git names blobs by SHA-1
    public static string GitBlobId(byte[] content) =>
        Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {content.Length}\0"), .. content]));
#pragma warning restore CA5350
}
