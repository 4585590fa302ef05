namespace Hub.Storage.Metadata.Entities;

/// <summary>
/// What indexing one commit of a repository found. A commit never changes, so a row is written once and read by
/// <c>/revision/{sha}</c> for as long as the repository lives.
/// </summary>
internal sealed class RepositoryRevisionEntity
{
    public required string RepositoryId { get; set; }
    public required string CommitId { get; set; }
    public string? CardData { get; set; }
    public string? PipelineTag { get; set; }
    public string? LibraryName { get; set; }
    /// <summary>config, safetensors, onnx, gguf figures and the card error, as JSON.</summary>
    public string? IndexedData { get; set; }
    /// <summary>The derived tags as a JSON array.</summary>
    public required string Tags { get; set; }
    public DateTime LastModified { get; set; }
    public DateTime IndexedAt { get; set; }
}
