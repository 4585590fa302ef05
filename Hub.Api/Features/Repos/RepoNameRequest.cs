using System.Text.Json.Serialization;

namespace Hub.Api.Features.Repos;

/// <summary>Body of <c>DELETE /api/repos/delete</c>.</summary>
public sealed record RepoNameRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("organization")] string? Organization,
    [property: JsonPropertyName("type")] string? Type);

/// <summary>Body of <c>POST /api/repos/move</c>.</summary>
public sealed record MoveRepoRequest(
    [property: JsonPropertyName("fromRepo")] string? FromRepo,
    [property: JsonPropertyName("toRepo")] string? ToRepo,
    [property: JsonPropertyName("type")] string? Type);

/// <summary>Body of <c>PUT /api/{type}s/{ns}/{name}/settings</c> (1.x sends visibility, 0.x private).</summary>
public sealed record RepoSettingsRequest(
    [property: JsonPropertyName("private")] bool? Private,
    [property: JsonPropertyName("visibility")] string? Visibility,
    [property: JsonPropertyName("gated")] System.Text.Json.JsonElement? Gated);
