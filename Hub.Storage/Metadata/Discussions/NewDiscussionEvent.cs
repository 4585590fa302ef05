namespace Hub.Storage.Metadata.Discussions;

/// <summary>An event to append to a discussion's timeline (see <see cref="DiscussionEventRecord"/> for the fields).</summary>
public sealed record NewDiscussionEvent(string Type, long AuthorId, string Content, string? Detail, DateTimeOffset At);
