using System.Text.Json.Serialization;

namespace Hub.Api.Features.Discussions;

/// <summary>The JSON bodies huggingface_hub posts (hf_api.create_discussion and _post_discussion_changes).</summary>
public static class DiscussionRequests
{
    public sealed record Create(
        [property: JsonPropertyName("title")] string? Title,
        [property: JsonPropertyName("description")] string? Description,
        [property: JsonPropertyName("pullRequest")] bool? PullRequest);

    public sealed record Comment([property: JsonPropertyName("comment")] string? Text);

    public sealed record Edit([property: JsonPropertyName("content")] string? Content);

    public sealed record Status(
        [property: JsonPropertyName("status")] string? Value,
        [property: JsonPropertyName("comment")] string? Comment);

    public sealed record Title([property: JsonPropertyName("title")] string? Value);
}
