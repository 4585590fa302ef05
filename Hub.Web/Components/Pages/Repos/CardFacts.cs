using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Web.Components.Pages.Repos;

/// <summary>The model card metadata the sidebar shows, read from <c>cardData</c> (strings or lists of strings).</summary>
public sealed record CardFacts(
    IReadOnlyList<string> Licenses,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Datasets,
    IReadOnlyList<string> BaseModels,
    IReadOnlyList<(string DType, long Count)> Parameters,
    long? TotalParameters)
{
    public static CardFacts From(JsonObject? card, JsonObject? safetensors)
    {
        var parameters = new List<(string, long)>();
        if (safetensors?["parameters"] is JsonObject byType)
        {
            foreach (var (dtype, value) in byType)
            {
                if (value is JsonValue v && v.TryGetValue<long>(out var n)) parameters.Add((dtype, n));
            }
        }
        long? total = safetensors?["total"] is JsonValue t && t.TryGetValue<long>(out var sum) ? sum : null;
        return new CardFacts(Strings(card?["license"]), Strings(card?["language"]), Strings(card?["datasets"]), Strings(card?["base_model"]), parameters, total);
    }

    private static List<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => [.. array.Select(n => n?.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : n?.ToJsonString()).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!)],
        JsonValue value when value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } s => [s],
        JsonValue value => [value.ToJsonString()],
        _ => [],
    };
}
