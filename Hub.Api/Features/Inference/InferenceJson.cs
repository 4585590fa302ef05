using System.Text.Json.Nodes;

namespace Hub.Api.Features.Inference;

/// <summary>Reads the loosely typed fields of inference requests (a string or a list of strings, parameters at the root or under <c>parameters</c>).</summary>
public static class InferenceJson
{
    public static IReadOnlyList<string> Texts(JsonNode? inputs, string field = "inputs") => inputs switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        JsonArray array when array.Count > 0 && array.All(i => i is JsonValue v && v.TryGetValue<string>(out _)) => [.. array.Select(i => i!.GetValue<string>())],
        _ => throw new ArgumentException($"'{field}' must be a string or a non-empty list of strings."),
    };

    public static string Text(JsonNode? inputs) =>
        inputs is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw new ArgumentException("'inputs' must be a string.");

    /// <summary>A parameter from <c>parameters</c>, or from the root (feature-extraction sends them there).</summary>
    public static JsonNode? Parameter(JsonObject body, string name) =>
        (body["parameters"] as JsonObject)?[name] ?? body[name];

    public static bool? BoolParameter(JsonObject body, string name) =>
        Parameter(body, name) is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static int? IntParameter(JsonObject body, string name) =>
        Parameter(body, name) is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    public static string? StringParameter(JsonObject body, string name) =>
        Parameter(body, name) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static IReadOnlyList<string>? StringsParameter(JsonObject body, string name) => Parameter(body, name) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => [.. s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        // Every element a string: a null element was dereferenced and answered 500.
        JsonArray a when a.All(i => i is JsonValue v && v.TryGetValue<string>(out _)) => [.. a.Select(i => i!.GetValue<string>())],
        _ => throw new ArgumentException($"'{name}' must be a list of strings."),
    };
}
