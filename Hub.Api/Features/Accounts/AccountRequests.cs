using System.Text.Json.Serialization;

namespace Hub.Api.Features.Accounts;

/// <summary>Body of sign-up and log-in.</summary>
public sealed record CredentialsRequest(
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("fullname")] string? FullName);
