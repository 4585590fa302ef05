using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hub.Api.Features.Indexing;

/// <summary>The YAML front matter of a model card (<c>---</c> … <c>---</c> at the top of README.md) as JSON.</summary>
public static class CardFrontMatter
{
    /// <summary>The YAML text between the fences, or null when the card has none.</summary>
    public static string? Extract(string readme)
    {
        var text = readme.StartsWith('\uFEFF') ? readme[1..] : readme;
        if (!text.StartsWith("---", StringComparison.Ordinal)) return null;
        var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        if (firstLineEnd < 0 || text[..firstLineEnd].TrimEnd('\r') != "---") return null;
        var rest = text[(firstLineEnd + 1)..];
        var lines = rest.Split('\n');
        var offset = 0;
        foreach (var line in lines)
        {
            if (line.TrimEnd('\r') == "---") return rest[..offset];
            offset += line.Length + 1;
        }
        return null;
    }

    /// <summary>Parses the YAML into a JSON object; returns the parse error instead when it is invalid or not a mapping.</summary>
    public static (JsonObject? Data, string? Error) Parse(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0) return (new JsonObject(), null);
            return stream.Documents[0].RootNode is YamlMappingNode map
                ? ((JsonObject)Convert(map)!, null)
                : (null, "The metadata of README.md must be a YAML mapping (key: value lines).");
        }
        catch (YamlException e)
        {
            return (null, $"Invalid YAML in README.md metadata at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((kv.Key as YamlScalarNode)?.Value) ?? kv.Key.ToString(), Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    /// <summary>Plain scalars take their YAML 1.2 core-schema type (bool, int, float, null); quoted ones stay strings.</summary>
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(value);
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (value.Any(char.IsDigit) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d))
            return JsonValue.Create(d);
        return JsonValue.Create(value);
    }
}
