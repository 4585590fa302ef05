using System.Text.Json.Serialization;

namespace Hub.Api.Features.Repos;

/// <summary>Body of <c>POST /api/repos/move</c>.</summary>
public sealed record MoveRepoRequest(
    [property: JsonPropertyName("fromRepo")] string? FromRepo,
    [property: JsonPropertyName("toRepo")] string? ToRepo,
    [property: JsonPropertyName("type")] string? Type);
