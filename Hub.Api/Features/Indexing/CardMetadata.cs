using System.Text.Json.Nodes;

namespace Hub.Api.Features.Indexing;

/// <summary>
/// The well-known fields of a card's metadata (hf-api.md §2.3): what each must look like, and warnings for values that
/// do not. Warnings never block a commit or push; clients print them (validate-yaml) and the repo page shows them.
/// </summary>
public static class CardMetadata
{
    /// <summary>Fields that hold a string or a list of strings.</summary>
    private static readonly string[] StringOrList = ["license", "language", "tags", "datasets", "base_model", "metrics", "task_categories"];

    /// <summary>Fields that hold one string.</summary>
    private static readonly string[] SingleString = ["pipeline_tag", "library_name", "license_name", "license_link", "model_name", "pretty_name"];

    public static IReadOnlyList<string> Warnings(JsonObject? card)
    {
        var warnings = new List<string>();
        if (card is null) return warnings;
        foreach (var field in StringOrList)
        {
            if (card[field] is { } value && !IsStringOrStrings(value))
                warnings.Add($"\"{field}\" must be a string or a list of strings.");
        }
        foreach (var field in SingleString)
        {
            if (card[field] is { } value && value.GetValueKind() != System.Text.Json.JsonValueKind.String)
                warnings.Add($"\"{field}\" must be a string.");
        }
        if (card["widget"] is { } widget && (widget is not JsonArray items || items.Any(i => i is not JsonObject)))
            warnings.Add("\"widget\" must be a list of examples (mappings such as {text: ...}).");
        if (card["model-index"] is { } index)
            ValidateModelIndex(index, warnings);
        return warnings;
    }

    /// <summary>model-index: [{name, results: [{task: {type}, dataset: {name, type}, metrics: [{type, value}]}]}].</summary>
    private static void ValidateModelIndex(JsonNode index, List<string> warnings)
    {
        if (index is not JsonArray models)
        {
            warnings.Add("\"model-index\" must be a list.");
            return;
        }
        foreach (var model in models)
        {
            if (model is not JsonObject m || m["name"]?.GetValueKind() != System.Text.Json.JsonValueKind.String || m["results"] is not JsonArray results)
            {
                warnings.Add("Each \"model-index\" entry needs a name and a list of results.");
                continue;
            }
            foreach (var result in results)
            {
                if (result is not JsonObject r || r["task"]?["type"] is null || r["dataset"]?["type"] is null || r["dataset"]?["name"] is null
                    || r["metrics"] is not JsonArray metrics || metrics.Any(x => x?["type"] is null || x["value"] is null))
                {
                    warnings.Add($"A result of \"model-index\" entry \"{m["name"]}\" needs task.type, dataset.name, dataset.type and metrics with type and value.");
                }
            }
        }
    }

    private static bool IsStringOrStrings(JsonNode value) => value switch
    {
        JsonArray array => array.All(i => i is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String),
        JsonValue v => v.GetValueKind() == System.Text.Json.JsonValueKind.String,
        _ => false,
    };
}
