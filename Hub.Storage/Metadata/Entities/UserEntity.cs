namespace Hub.Storage.Metadata.Entities;

/// <summary>A user; shares its id with its <see cref="NamespaceEntity"/>.</summary>
internal sealed class UserEntity
{
    public long Id { get; set; }
    public NamespaceEntity Namespace { get; set; } = null!;
    public string? Email { get; set; }
    public required string PasswordHash { get; set; }
    public bool IsAdmin { get; set; }
    public DateTime CreatedAt { get; set; }
}
