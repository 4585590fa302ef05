namespace Hub.Storage.Git;

/// <summary>A request to write one commit.</summary>
/// <param name="RefName">The ref to move, e.g. <c>refs/heads/main</c>.</param>
/// <param name="ParentId">The commit the new one is based on (null: a root commit).</param>
/// <param name="ExpectedRefTarget">What <paramref name="RefName"/> must hold for the update to win (null: must not exist).</param>
/// <param name="Author">Author and committer.</param>
/// <param name="Message">Full commit message (title, blank line, body).</param>
/// <param name="Operations">Changes applied in order on top of the parent's tree.</param>
public sealed record GitCommitRequest(
    string RefName,
    string? ParentId,
    string? ExpectedRefTarget,
    GitSignature Author,
    string Message,
    IReadOnlyList<GitFileOperation> Operations);
