namespace Hub.Storage.Metadata.Entities;

/// <summary>Users and organizations share one name space: a name is taken by exactly one of them.</summary>
internal sealed class NamespaceEntity
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower-case name: uniqueness and look-ups ignore case.</summary>
    public required string NormalizedName { get; set; }
    public NamespaceKind Kind { get; set; }
    public string? FullName { get; set; }
    public DateTime CreatedAt { get; set; }
    public UserEntity? User { get; set; }
}
