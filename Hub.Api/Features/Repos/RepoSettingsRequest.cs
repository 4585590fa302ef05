using System.Text.Json.Serialization;

namespace Hub.Api.Features.Repos;

/// <summary>Body of <c>PUT /api/{type}s/{ns}/{name}/settings</c> (1.x sends visibility, 0.x private).</summary>
public sealed record RepoSettingsRequest(
    [property: JsonPropertyName("private")] bool? Private,
    [property: JsonPropertyName("visibility")] string? Visibility,
    [property: JsonPropertyName("gated")] System.Text.Json.JsonElement? Gated);
