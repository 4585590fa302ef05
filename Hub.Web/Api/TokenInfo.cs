using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>An access token as the tokens API describes it (never its secret).</summary>
public sealed record TokenInfo(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("displayName")] string DisplayName,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("prefix")] string Prefix,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("lastUsedAt")] DateTimeOffset? LastUsedAt,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("revoked")] bool Revoked);
