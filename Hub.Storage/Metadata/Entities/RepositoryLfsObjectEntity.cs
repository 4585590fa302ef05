namespace Hub.Storage.Metadata.Entities;

/// <summary>A repository may serve an LFS object only when this row says its history references it.</summary>
internal sealed class RepositoryLfsObjectEntity
{
    public required string RepositoryId { get; set; }
    public required string Oid { get; set; }
    public DateTime CreatedAt { get; set; }
}
