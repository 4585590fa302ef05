namespace Hub.Storage.Metadata.Accounts;

/// <summary>An access token as stored: never the secret, only its hash and a short prefix for display.</summary>
/// <param name="Role"><c>read</c>, <c>write</c> or <c>fineGrained</c>.</param>
/// <param name="Scopes">For fine-grained tokens: the JSON scope list.</param>
public sealed record AccessTokenRecord(
    long Id,
    long UserId,
    string DisplayName,
    string Prefix,
    string Role,
    string? Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt);
