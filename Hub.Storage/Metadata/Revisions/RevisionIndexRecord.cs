namespace Hub.Storage.Metadata.Revisions;

/// <summary>What indexing one commit of a repository found (the per-revision twin of the repository's own index).</summary>
/// <param name="CommitId">40-hex commit id.</param>
/// <param name="LastModified">The commit's date.</param>
/// <param name="CardData">README.md front matter as JSON, or null.</param>
/// <param name="IndexedData">config, safetensors, onnx, gguf figures and the card error, as a JSON object, or null.</param>
/// <param name="Tags">Tags derived from the card and the files.</param>
public sealed record RevisionIndexRecord(
    string RepositoryId,
    string CommitId,
    DateTimeOffset LastModified,
    string? CardData,
    string? PipelineTag,
    string? LibraryName,
    string? IndexedData,
    IReadOnlyList<string> Tags);
