using System.Text.Json.Serialization;

namespace Hub.Api.Features.Accounts;

/// <summary>Body of organization creation and membership changes.</summary>
public sealed record OrganizationRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("fullname")] string? FullName,
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("role")] string? Role);
