namespace Hub.Storage.Metadata.Repositories;

/// <summary>What indexing a repository's default branch found.</summary>
/// <param name="SearchText">Words for full-text search, built with <see cref="Repositories.SearchText.Build"/>.</param>
public sealed record RepositoryIndexUpdate(
    string HeadCommit,
    DateTimeOffset LastModified,
    string? CardData,
    string? PipelineTag,
    string? LibraryName,
    string? IndexedData,
    IReadOnlyCollection<string> Tags,
    string? SearchText = null);
