using System.Text.Json.Serialization;

namespace Hub.Api.Features.Accounts;

/// <summary>Body of token creation.</summary>
public sealed record TokenRequest(
    [property: JsonPropertyName("displayName")] string? DisplayName,
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("expiresInDays")] int? ExpiresInDays,
    [property: JsonPropertyName("scopes")] IReadOnlyList<Auth.TokenScopeRequest>? Scopes = null);
