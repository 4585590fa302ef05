namespace Hub.Storage.Metadata.Discussions;

/// <summary>One entry of a discussion's timeline.</summary>
internal sealed class DiscussionEventEntity
{
    public long Id { get; set; }
    public long DiscussionId { get; set; }
    /// <summary><c>comment</c>, <c>status-change</c>, <c>commit</c> or <c>title-change</c>.</summary>
    public required string Type { get; set; }
    public long? AuthorId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Comment text, new status, commit summary or new title.</summary>
    public required string Content { get; set; }
    /// <summary>Commit id, old title, or the target's head before a merge; null otherwise.</summary>
    public string? Detail { get; set; }
    public bool Edited { get; set; }
    public bool Hidden { get; set; }
    public DateTime UpdatedAt { get; set; }
}
