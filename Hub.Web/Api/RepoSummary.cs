using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>An item of <c>GET /api/models|datasets</c> with the fields the lists show.</summary>
public sealed record RepoSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("private")] bool Private,
    [property: JsonPropertyName("downloads")] long Downloads,
    [property: JsonPropertyName("likes")] int Likes,
    [property: JsonPropertyName("tags")] IReadOnlyList<string>? Tags,
    [property: JsonPropertyName("pipeline_tag")] string? PipelineTag,
    [property: JsonPropertyName("library_name")] string? LibraryName,
    [property: JsonPropertyName("createdAt")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("lastModified")] DateTimeOffset? LastModified,
    [property: JsonPropertyName("safetensors")] JsonObject? Safetensors = null)
{
    /// <summary>The model's parameter count from its safetensors headers, when the hub indexed any.</summary>
    public long? TotalParameters => Safetensors?["total"] is JsonValue total && total.TryGetValue<long>(out var n) ? n : null;

    /// <summary>The fields asked for with <c>expand</c>.</summary>
    public static readonly string[] Fields = ["private", "downloads", "likes", "tags", "pipeline_tag", "library_name", "createdAt", "lastModified", "safetensors"];
}
