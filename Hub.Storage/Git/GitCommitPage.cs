namespace Hub.Storage.Git;

/// <summary>A page of commits, newest first, with the total number reachable.</summary>
public sealed record GitCommitPage(IReadOnlyList<GitCommit> Commits, int TotalCount);
