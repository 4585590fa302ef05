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
