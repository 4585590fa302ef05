using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>The last commit that touched a path.</summary>
public sealed record TreeLastCommit(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("date")] DateTimeOffset Date);
