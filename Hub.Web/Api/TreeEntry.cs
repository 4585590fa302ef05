using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>An entry of the tree API (hf-api.md §2.6), with its last commit when expanded.</summary>
public sealed record TreeEntry(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("oid")] string Oid,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("lfs")] LfsInfo? Lfs,
    [property: JsonPropertyName("lastCommit")] TreeLastCommit? LastCommit)
{
    public bool IsDirectory => Type == "directory";

    public string Name => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>The size of the content (the LFS object's, not the pointer's).</summary>
    public long ContentSize => Lfs?.Size ?? Size;
}
