using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>A file of a revision as repo info lists it (<c>blobs=true</c>: with size and LFS details).</summary>
public sealed record RepoSibling(
    [property: JsonPropertyName("rfilename")] string Path,
    [property: JsonPropertyName("size")] long? Size,
    [property: JsonPropertyName("lfs")] LfsInfo? Lfs);
