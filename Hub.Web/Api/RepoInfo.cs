using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary><c>GET /api/{type}s/{id}[/revision/{rev}]?blobs=true</c>: what the repository page shows.</summary>
public sealed record RepoInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("author")] string? Author,
    [property: JsonPropertyName("sha")] string? Sha,
    [property: JsonPropertyName("lastModified")] DateTimeOffset? LastModified,
    [property: JsonPropertyName("createdAt")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("private")] bool Private,
    [property: JsonPropertyName("gated")] JsonElement Gated,
    [property: JsonPropertyName("downloads")] long Downloads,
    [property: JsonPropertyName("likes")] int Likes,
    [property: JsonPropertyName("library_name")] string? LibraryName,
    [property: JsonPropertyName("pipeline_tag")] string? PipelineTag,
    [property: JsonPropertyName("tags")] IReadOnlyList<string>? Tags,
    [property: JsonPropertyName("cardData")] JsonObject? CardData,
    [property: JsonPropertyName("safetensors")] JsonObject? Safetensors,
    [property: JsonPropertyName("siblings")] IReadOnlyList<RepoSibling>? Siblings,
    [property: JsonPropertyName("cardError")] string? CardError = null)
{
    /// <summary><c>none</c>, <c>auto</c> or <c>manual</c>.</summary>
    public string GatedMode => Gated.ValueKind == JsonValueKind.String ? Gated.GetString() ?? "none" : "none";

    public string Name => Id.Split('/') is [_, var name] ? name : Id;

    public string Namespace => Id.Split('/')[0];
}
