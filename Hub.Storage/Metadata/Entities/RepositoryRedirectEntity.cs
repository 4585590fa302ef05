namespace Hub.Storage.Metadata.Entities;

/// <summary>An old <c>namespace/name</c> of a moved repository, so old URLs redirect to the new one.</summary>
internal sealed class RepositoryRedirectEntity
{
    public required string Type { get; set; }
    public required string NormalizedFullName { get; set; }
    public required string RepositoryId { get; set; }
    public DateTime CreatedAt { get; set; }
}
