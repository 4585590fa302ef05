namespace Hub.Storage.Metadata.Discussions;

/// <summary>One entry of a discussion's timeline.</summary>
/// <param name="Type">One of <see cref="DiscussionEventTypes"/>.</param>
/// <param name="Content">Comment text, new status, commit summary or new title.</param>
/// <param name="Detail">Commit id (commit), old title (title-change), the target's head before a merge (status-change to merged); null otherwise.</param>
/// <param name="AuthorName">Null when the author's account is gone.</param>
public sealed record DiscussionEventRecord(
    long Id,
    long DiscussionId,
    string Type,
    long? AuthorId,
    string? AuthorName,
    DateTimeOffset CreatedAt,
    string Content,
    string? Detail,
    bool Edited,
    bool Hidden,
    DateTimeOffset UpdatedAt);
