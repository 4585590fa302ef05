namespace Hub.Storage.Metadata.Discussions;

/// <summary>A discussion or pull request.</summary>
/// <param name="Number">Per repository; pull request N lives at <c>refs/pr/N</c>.</param>
/// <param name="Status">One of <see cref="DiscussionStatuses"/>.</param>
/// <param name="AuthorName">Null when the author's account is gone.</param>
/// <param name="TargetRef">Pull requests: the full ref they merge into.</param>
/// <param name="MergeCommitId">Merged pull requests: the commit the target moved to.</param>
public sealed record DiscussionRecord(
    long Id,
    string RepositoryId,
    int Number,
    bool IsPullRequest,
    string Title,
    string Status,
    long? AuthorId,
    string? AuthorName,
    DateTimeOffset CreatedAt,
    string? TargetRef,
    string? MergeCommitId);
