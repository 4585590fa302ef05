namespace Hub.Storage.Metadata.Maintenance;

/// <summary>What the index says a repository's default branch points at.</summary>
/// <param name="HeadCommit">The indexed head, or null before the first indexing.</param>
public sealed record RepositoryHeadRecord(string Id, string Type, string FullName, string DefaultBranch, string? HeadCommit);
