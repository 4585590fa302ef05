using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Hub.Deploy.Tests.Manifests;

/// <summary>YAML files as JSON nodes (every scalar a string), so the checks read like the manifests.</summary>
public static class Yaml
{
    /// <summary>Every document of a (multi-document) YAML file; empty documents are skipped.</summary>
    public static IReadOnlyList<JsonObject> LoadAll(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path)) stream.Load(reader);
        return [.. stream.Documents.Select(d => ToJson(d.RootNode)).OfType<JsonObject>()];
    }

    public static JsonObject Load(string path) => LoadAll(path).Single();

    /// <summary>The string at a dotted path (<c>spec.template.metadata.labels</c>), or null.</summary>
    public static string? Text(this JsonNode? node, string path) => node.At(path) is JsonValue v ? v.GetValue<string>() : null;

    public static JsonNode? At(this JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node)) return null;
        }
        return node;
    }

    public static IEnumerable<JsonObject> Items(this JsonNode? node, string path) =>
        node.At(path) is JsonArray a ? a.OfType<JsonObject>() : [];

    /// <summary>A mapping of strings (labels, selectors, environment) as a dictionary.</summary>
    public static Dictionary<string, string> Map(this JsonNode? node, string path) =>
        node.At(path) is JsonObject o ? o.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "") : [];

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(ToJson)]),
        YamlScalarNode { Value: null or "" or "~" or "null" } scalar when scalar.Style == YamlDotNet.Core.ScalarStyle.Plain => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}
