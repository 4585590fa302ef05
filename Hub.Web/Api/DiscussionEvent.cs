using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>An event of a discussion: comment, status-change, commit or title-change, its data as the API sends it.</summary>
public sealed record DiscussionEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("author")] DiscussionAuthor? Author,
    [property: JsonPropertyName("data")] JsonObject? Data)
{
    public string AuthorName => Author?.Name ?? "deleted";

    /// <summary>A string of the data (the comment's raw text is <c>latest.raw</c>); empty when absent.</summary>
    public string Text(string name) => Data?[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : "";

    public string CommentText => Data?["latest"]?["raw"] is JsonValue value && value.TryGetValue<string>(out var s) ? s : "";

    public bool Hidden => Data?["hidden"] is JsonValue value && value.TryGetValue<bool>(out var b) && b;
}
