using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>A discussion with its events; for pull requests the target, the diff and the files that conflict.</summary>
public sealed record DiscussionDetails(
    [property: JsonPropertyName("num")] int Number,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("isPullRequest")] bool IsPullRequest,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("author")] DiscussionAuthor? Author,
    [property: JsonPropertyName("events")] IReadOnlyList<DiscussionEvent> Events,
    [property: JsonPropertyName("changes")] DiscussionChanges? Changes,
    [property: JsonPropertyName("diff")] string? Diff,
    [property: JsonPropertyName("filesWithConflicts")] IReadOnlyList<string>? FilesWithConflicts)
{
    public string AuthorName => Author?.Name ?? "deleted";

    public bool IsOpen => Status is "open" or "draft";
}
