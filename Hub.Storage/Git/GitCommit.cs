namespace Hub.Storage.Git;

/// <summary>A commit.</summary>
public sealed record GitCommit(string Id, IReadOnlyList<string> Parents, GitSignature Author, GitSignature Committer, string Title, string Message);
