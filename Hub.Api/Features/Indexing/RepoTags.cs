using System.Text.Json.Nodes;

namespace Hub.Api.Features.Indexing;

/// <summary>Derives a repository's tags from its card the way hf-api.md §2.3 describes.</summary>
public static class RepoTags
{
    public static IReadOnlyList<string> Derive(JsonObject? card, string? pipelineTag, string? libraryName)
    {
        var tags = new List<string>();
        void Add(string? tag)
        {
            if (!string.IsNullOrWhiteSpace(tag) && tag.Length <= 200 && !tags.Contains(tag, StringComparer.Ordinal)) tags.Add(tag.Trim());
        }
        Add(libraryName);
        Add(pipelineTag);
        foreach (var tag in Strings(card?["tags"])) Add(tag);
        foreach (var dataset in Strings(card?["datasets"])) Add("dataset:" + dataset);
        foreach (var language in Strings(card?["language"])) Add(language);
        foreach (var license in Strings(card?["license"])) Add("license:" + license);
        foreach (var baseModel in Strings(card?["base_model"])) Add("base_model:" + baseModel);
        return tags;
    }

    /// <summary>A string or a list of strings (card fields allow both).</summary>
    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => n?.ToString()).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!),
        JsonValue value when value.ToString() is { Length: > 0 } s => [s],
        _ => [],
    };
}
