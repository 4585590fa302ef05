namespace Hub.Storage.Metadata.Discussions;

/// <summary>A discussion to create, with its number already chosen by the caller.</summary>
/// <param name="Description">The first comment; none when null or empty.</param>
/// <param name="TargetRef">Pull requests: the full ref they merge into.</param>
public sealed record NewDiscussion(
    string RepositoryId,
    int Number,
    bool IsPullRequest,
    string Title,
    string Status,
    long AuthorId,
    string? Description,
    string? TargetRef,
    DateTimeOffset At);
