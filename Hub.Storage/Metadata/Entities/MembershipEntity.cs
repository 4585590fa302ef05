namespace Hub.Storage.Metadata.Entities;

/// <summary>A user's role in an organization.</summary>
internal sealed class MembershipEntity
{
    public long OrganizationId { get; set; }
    public long UserId { get; set; }
    /// <summary><c>read</c>, <c>write</c> or <c>admin</c>.</summary>
    public required string Role { get; set; }
    public DateTime CreatedAt { get; set; }
}
