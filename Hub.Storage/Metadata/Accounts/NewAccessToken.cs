namespace Hub.Storage.Metadata.Accounts;

/// <summary>A token to store: its SHA-256 (lower-case hex) and display prefix, never the secret.</summary>
public sealed record NewAccessToken(long UserId, string DisplayName, string TokenHash, string Prefix, string Role, string? Scopes, DateTimeOffset? ExpiresAt);
