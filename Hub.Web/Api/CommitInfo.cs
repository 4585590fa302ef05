using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>A commit of the history API.</summary>
public sealed record CommitInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("date")] DateTimeOffset Date,
    [property: JsonPropertyName("authors")] IReadOnlyList<CommitAuthor> Authors)
{
    public string Author => Authors.Count > 0 ? Authors[0].User : "";
}
