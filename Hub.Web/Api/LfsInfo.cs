using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>The LFS object behind a file: its sha256 and size.</summary>
public sealed record LfsInfo(
    [property: JsonPropertyName("oid")] string? Oid,
    [property: JsonPropertyName("sha256")] string? Sha256,
    [property: JsonPropertyName("size")] long Size)
{
    public string? Hash => Oid ?? Sha256;
}
