using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>One page of a repository's discussions, with the count of all that match.</summary>
public sealed record DiscussionList(
    [property: JsonPropertyName("discussions")] IReadOnlyList<DiscussionSummary> Discussions,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("start")] int Start);
