using System.Text.Json.Nodes;

namespace Hub.Api.Features.Indexing;

/// <summary>Derives a repository's tags from its card and files the way hf-api.md §2.3 describes.</summary>
/// <remarks>
/// Models: library, pipeline, the card's tags, <c>dataset:x</c>, language codes as they are, <c>license:x</c>,
/// <c>base_model:x</c>, then what the files show: the config's model_type and the weight formats (<c>safetensors</c>,
/// <c>onnx</c>, <c>gguf</c>). Datasets follow huggingface.co's dataset form: <c>task_categories:x</c>,
/// <c>language:x</c>, <c>license:x</c>, <c>size_categories:x</c>, plus the card's tags.
/// </remarks>
public static class RepoTags
{
    public static IReadOnlyList<string> Derive(JsonObject? card, string? pipelineTag, string? libraryName) =>
        Derive("model", card, pipelineTag, libraryName, null, []);

    public static IReadOnlyList<string> Derive(
        string repoType, JsonObject? card, string? pipelineTag, string? libraryName, string? modelType, IEnumerable<string> formats)
    {
        var tags = new List<string>();
        void Add(string? tag)
        {
            tag = tag?.Trim();
            if (!string.IsNullOrEmpty(tag) && tag.Length <= 200 && !tags.Contains(tag, StringComparer.Ordinal)) tags.Add(tag);
        }
        if (repoType == "dataset")
        {
            foreach (var task in Strings(card?["task_categories"])) Add("task_categories:" + task);
            foreach (var tag in Strings(card?["tags"])) Add(tag);
            foreach (var language in Strings(card?["language"])) Add("language:" + language);
            foreach (var license in Strings(card?["license"])) Add("license:" + license);
            foreach (var size in Strings(card?["size_categories"])) Add("size_categories:" + size);
            return tags;
        }
        Add(libraryName);
        Add(pipelineTag);
        foreach (var tag in Strings(card?["tags"])) Add(tag);
        foreach (var dataset in Strings(card?["datasets"])) Add("dataset:" + dataset);
        foreach (var language in Strings(card?["language"])) Add(language);
        foreach (var license in Strings(card?["license"])) Add("license:" + license);
        foreach (var baseModel in Strings(card?["base_model"])) Add("base_model:" + baseModel);
        Add(modelType);
        foreach (var format in formats) Add(format);
        return tags;
    }

    /// <summary>A string or a list of strings (card fields allow both); other shapes give nothing.</summary>
    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.OfType<JsonValue>().Where(v => v.GetValueKind() == System.Text.Json.JsonValueKind.String)
            .Select(v => v.GetValue<string>()).Where(s => !string.IsNullOrWhiteSpace(s)),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } s => [s],
        _ => [],
    };
}
