using System.Text.Json.Nodes;
using Hub.Api.Features.Files;
using Hub.Api.Http;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Repos;

/// <summary>Repository info and list items in the shape of hf-api.md §2.3 / §2.4.</summary>
public static class RepoJson
{
    /// <summary>Fields of a list item when the client names none (what huggingface.co sends).</summary>
    public static readonly string[] ListDefaults = ["likes", "trendingScore", "private", "downloads", "tags", "pipeline_tag", "library_name", "createdAt", "modelId"];

    /// <summary>Everything (single-repo GET without expand).</summary>
    public static readonly string[] InfoDefaults =
        ["modelId", "author", "sha", "lastModified", "createdAt", "private", "gated", "disabled", "downloads", "downloadsAllTime", "likes", "library_name",
         "pipeline_tag", "tags", "cardData", "config", "safetensors", "siblings", "sdk", "trendingScore", "widgetData", "model-index",
         "mask_token", "gguf", "onnx", "cardError", "cardWarnings"];

    /// <param name="siblings">Files of the revision, or null when not asked for.</param>
    public static JsonObject Create(RepositoryRecord repo, string? sha, DateTimeOffset lastModified, IReadOnlyList<RepoFileEntry>? siblings, bool blobs, IReadOnlyCollection<string> fields)
    {
        var json = new JsonObject { ["_id"] = repo.Id, ["id"] = repo.FullName };
        // Parsed once per item, only when a field asks for them.
        JsonNode? indexed = null, card = null;
        JsonNode? Indexed(string field) => repo.IndexedData is null ? null : (indexed ??= JsonNode.Parse(repo.IndexedData))?[field]?.DeepClone();
        JsonNode? Card(string field) => repo.CardData is null ? null : (card ??= JsonNode.Parse(repo.CardData))?[field]?.DeepClone();
        foreach (var field in fields)
        {
            JsonNode? value = field switch
            {
                "modelId" when repo.Type == RepoTypes.Model => repo.FullName,
                "author" => repo.Namespace,
                "sha" => sha,
                "lastModified" => HfJson.Date(lastModified),
                "createdAt" => HfJson.Date(repo.CreatedAt),
                "private" => repo.Private,
                "gated" => repo.Gated == "none" ? JsonValue.Create(false) : JsonValue.Create(repo.Gated),
                "disabled" => repo.Disabled,
                "downloads" => repo.Downloads,
                "downloadsAllTime" => repo.DownloadsAllTime,
                "likes" => repo.Likes,
                "trendingScore" => repo.TrendingScore,
                "library_name" => repo.LibraryName,
                "pipeline_tag" => repo.PipelineTag,
                "tags" => new JsonArray([.. repo.Tags.Select(t => JsonValue.Create(t))]),
                "cardData" => repo.CardData is null ? null : JsonNode.Parse(repo.CardData),
                "config" or "safetensors" or "gguf" or "onnx" or "mask_token" or "cardError" or "cardWarnings" or "indexErrors" => Indexed(field),
                "widgetData" => Card("widget"),
                "model-index" => Card("model-index"),
                "sdk" when repo.Type == RepoTypes.Space => repo.Sdk,
                "siblings" => siblings is null ? null : new JsonArray([.. siblings.Select(s => Sibling(s, blobs))]),
                _ => null,
            };
            if (value is not null) json[field] = value;
        }
        return json;
    }

    private static JsonObject Sibling(RepoFileEntry file, bool blobs)
    {
        var json = new JsonObject { ["rfilename"] = file.Entry.Path };
        if (!blobs) return json;
        json["size"] = file.Size;
        json["blobId"] = file.Entry.ObjectId;
        if (file.Lfs is { } lfs)
            json["lfs"] = new JsonObject { ["size"] = lfs.Size, ["sha256"] = lfs.Oid, ["pointerSize"] = lfs.PointerSize };
        return json;
    }
}
