namespace Hub.Storage.Metadata.Entities;

/// <summary>A user's like of a repository.</summary>
internal sealed class LikeEntity
{
    public long UserId { get; set; }
    public required string RepositoryId { get; set; }
    public DateTime CreatedAt { get; set; }
}
