namespace Hub.Storage.Metadata.Repositories;

/// <summary>One page of a repository list; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record RepositoryPage(IReadOnlyList<RepositoryRecord> Items, string? NextCursor);
