using System.Text.Json.Serialization;

namespace Hub.Api.Features.Repos;

/// <summary>A file the JS client asks to commit with the repository (base64).</summary>
public sealed record CreateRepoFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("encoding")] string? Encoding);
