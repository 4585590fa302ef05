using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>A pull request's target branch, and its merge commit once merged.</summary>
public sealed record DiscussionChanges(
    [property: JsonPropertyName("base")] string? Base,
    [property: JsonPropertyName("mergeCommitId")] string? MergeCommitId);
