namespace Hub.Storage.Metadata.Entities;

/// <summary>An API token. Only its SHA-256 is stored; the secret is shown once at creation.</summary>
internal sealed class AccessTokenEntity
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public required string DisplayName { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public required string TokenHash { get; set; }
    /// <summary>The first characters of the token, shown in lists so users can tell tokens apart.</summary>
    public required string Prefix { get; set; }
    /// <summary><c>read</c>, <c>write</c> or <c>fineGrained</c>.</summary>
    public required string Role { get; set; }
    /// <summary>For fine-grained tokens: JSON list of scopes.</summary>
    public string? Scopes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
