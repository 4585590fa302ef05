namespace Hub.Storage.Metadata.Discussions;

/// <summary>The statuses huggingface_hub knows (<c>community.DiscussionStatus</c>).</summary>
public static class DiscussionStatuses
{
    /// <summary>Open for comments (and, for a pull request, for merging).</summary>
    public const string Open = "open";
    /// <summary>Closed without merging; may be reopened.</summary>
    public const string Closed = "closed";
    /// <summary>A merged pull request: final.</summary>
    public const string Merged = "merged";
    /// <summary>A pull request opened without changes yet; its first commit opens it.</summary>
    public const string Draft = "draft";
}
