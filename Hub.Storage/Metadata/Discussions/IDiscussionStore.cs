namespace Hub.Storage.Metadata.Discussions;

/// <summary>
/// Discussions and pull requests of repositories, and their timelines. Numbers are chosen by the caller (the git
/// <c>refs/pr/N</c> refs share the sequence); the store only refuses a number already taken.
/// </summary>
public interface IDiscussionStore
{
    /// <summary>The highest discussion number of the repository, 0 when it has none.</summary>
    Task<int> MaxNumberAsync(string repositoryId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the discussion and, when it has a description, its first comment. Throws
    /// <see cref="DiscussionNumberTakenException"/> when the number is taken.
    /// </summary>
    Task<DiscussionRecord> CreateAsync(NewDiscussion discussion, CancellationToken cancellationToken);

    /// <summary>The repository's discussion with that number, or null.</summary>
    Task<DiscussionRecord?> GetAsync(string repositoryId, int number, CancellationToken cancellationToken);

    /// <summary>A page of the repository's discussions, newest first.</summary>
    Task<DiscussionPage> ListAsync(DiscussionQuery query, CancellationToken cancellationToken);

    /// <summary>The discussion's events, oldest first.</summary>
    Task<IReadOnlyList<DiscussionEventRecord>> ListEventsAsync(long discussionId, CancellationToken cancellationToken);

    /// <summary>One event of the discussion, or null.</summary>
    Task<DiscussionEventRecord?> GetEventAsync(long discussionId, long eventId, CancellationToken cancellationToken);

    /// <summary>Appends an event.</summary>
    Task<DiscussionEventRecord> AddEventAsync(long discussionId, NewDiscussionEvent newEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the discussion to <paramref name="status"/> if its status is one of <paramref name="from"/>, appending the
    /// optional comment and a status-change event (in that order) and, for a merge, recording the merge commit (the
    /// event's <see cref="DiscussionEventRecord.Detail"/> keeps the target's head before it). Null when the status was not
    /// one of <paramref name="from"/> (nothing changed).
    /// </summary>
    Task<DiscussionEventRecord?> ChangeStatusAsync(
        long discussionId, IReadOnlyCollection<string> from, string status, long authorId, string? comment, DiscussionMerge? merge, DateTimeOffset at,
        CancellationToken cancellationToken);

    /// <summary>Renames the discussion and appends a title-change event.</summary>
    Task<DiscussionEventRecord> RenameAsync(long discussionId, string title, long authorId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a comment's text (<paramref name="content"/> not null, marks it edited) and/or hides it; null when
    /// the event is not a comment of the discussion.
    /// </summary>
    Task<DiscussionEventRecord?> UpdateCommentAsync(
        long discussionId, long eventId, string? content, bool hide, DateTimeOffset at, CancellationToken cancellationToken);
}
