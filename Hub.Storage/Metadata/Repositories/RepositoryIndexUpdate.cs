namespace Hub.Storage.Metadata.Repositories;

/// <summary>What indexing a repository's default branch found.</summary>
public sealed record RepositoryIndexUpdate(
    string HeadCommit,
    DateTimeOffset LastModified,
    string? CardData,
    string? PipelineTag,
    string? LibraryName,
    string? IndexedData,
    IReadOnlyCollection<string> Tags);
