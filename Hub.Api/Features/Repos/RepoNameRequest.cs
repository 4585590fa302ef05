using System.Text.Json.Serialization;

namespace Hub.Api.Features.Repos;

/// <summary>Body of <c>DELETE /api/repos/delete</c>.</summary>
public sealed record RepoNameRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("organization")] string? Organization,
    [property: JsonPropertyName("type")] string? Type);
