using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>A discussion or pull request as the discussion list answers it.</summary>
public sealed record DiscussionSummary(
    [property: JsonPropertyName("num")] int Number,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("isPullRequest")] bool IsPullRequest,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("author")] DiscussionAuthor? Author)
{
    /// <summary>The author's name, or "deleted" as huggingface_hub names a missing one.</summary>
    public string AuthorName => Author?.Name ?? "deleted";

    public bool IsOpen => Status is "open" or "draft";
}
