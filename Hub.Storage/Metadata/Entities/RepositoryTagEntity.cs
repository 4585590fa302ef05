namespace Hub.Storage.Metadata.Entities;

/// <summary>One tag of a repository (card tags and derived ones), a row each so filters use an index.</summary>
internal sealed class RepositoryTagEntity
{
    public required string RepositoryId { get; set; }
    public required string Tag { get; set; }
}
