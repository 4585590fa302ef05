using System.Text.Json.Serialization;

namespace Hub.Api.Features.Repos;

/// <summary>Body of <c>POST /api/repos/create</c> (Python and JS clients, hf-api.md §2.2).</summary>
public sealed record CreateRepoRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("organization")] string? Organization,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("private")] bool? Private,
    [property: JsonPropertyName("visibility")] string? Visibility,
    [property: JsonPropertyName("sdk")] string? Sdk,
    [property: JsonPropertyName("gated")] string? Gated,
    [property: JsonPropertyName("files")] IReadOnlyList<CreateRepoFile>? Files);

/// <summary>A file the JS client asks to commit with the repository (base64).</summary>
public sealed record CreateRepoFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("encoding")] string? Encoding);
