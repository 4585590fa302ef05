namespace Hub.Storage.Metadata.Discussions;

/// <summary>The event types huggingface_hub deserializes (<c>community.deserialize_event</c>).</summary>
public static class DiscussionEventTypes
{
    /// <summary>A comment; the description of a discussion is its first comment.</summary>
    public const string Comment = "comment";
    /// <summary>A status change (content: the new status).</summary>
    public const string StatusChange = "status-change";
    /// <summary>A commit pushed to a pull request (content: summary, detail: commit id).</summary>
    public const string Commit = "commit";
    /// <summary>A rename (content: new title, detail: old title).</summary>
    public const string TitleChange = "title-change";
}
