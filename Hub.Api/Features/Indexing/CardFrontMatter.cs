using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hub.Api.Features.Indexing;

/// <summary>The YAML front matter of a model card (<c>---</c> … <c>---</c> at the top of README.md) as JSON.</summary>
public static class CardFrontMatter
{
    /// <summary>Alias expansion ("billion laughs") and deep nesting stop here, as an invalid-metadata error.</summary>
    private const int MaxNodes = 20_000;
    private const int MaxDepth = 32;

    /// <summary>The YAML text between the fences, or null when the card has none.</summary>
    public static string? Extract(string readme) => Split(readme).Yaml;

    /// <summary>The YAML between the fences (null when there are none) and the Markdown after them.</summary>
    public static (string? Yaml, string Body) Split(string readme)
    {
        var text = readme.StartsWith('\uFEFF') ? readme[1..] : readme;
        if (!text.StartsWith("---", StringComparison.Ordinal)) return (null, text);
        var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        if (firstLineEnd < 0 || text[..firstLineEnd].TrimEnd('\r') != "---") return (null, text);
        var rest = text[(firstLineEnd + 1)..];
        var offset = 0;
        foreach (var line in rest.Split('\n'))
        {
            if (line.TrimEnd('\r') == "---")
            {
                var bodyStart = Math.Min(rest.Length, offset + line.Length + 1);
                return (rest[..offset], rest[bodyStart..]);
            }
            offset += line.Length + 1;
        }
        return (null, text);
    }

    /// <summary>Parses the YAML into a JSON object; returns the parse error instead when it is invalid or not a mapping.</summary>
    public static (JsonObject? Data, string? Error) Parse(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0) return (new JsonObject(), null);
            var budget = new int[] { MaxNodes };
            return stream.Documents[0].RootNode switch
            {
                YamlMappingNode map => ((JsonObject)Convert(map, 0, budget)!, null),
                YamlScalarNode { Value: null or "" } => (new JsonObject(), null),
                _ => (null, "The metadata of README.md must be a YAML mapping (key: value lines)."),
            };
        }
        catch (YamlException e)
        {
            return (null, $"Invalid YAML in README.md metadata at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            return (null, e.Message);
        }
        catch (ArgumentException e)
        {
            return (null, $"Invalid YAML in README.md metadata: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some unterminated flow collections ("[mit" at the end of input).
            return (null, "Invalid YAML in README.md metadata: it could not be parsed (an unclosed bracket, brace or quote?).");
        }
    }

    private static JsonNode? Convert(YamlNode node, int depth, int[] budget)
    {
        if (--budget[0] < 0)
            throw new InvalidDataException($"The metadata of README.md is too large (more than {MaxNodes} values once aliases are expanded).");
        if (depth > MaxDepth)
            throw new InvalidDataException($"The metadata of README.md is nested more than {MaxDepth} levels deep.");
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (k, v) in map.Children)
                {
                    var key = (k as YamlScalarNode)?.Value ?? k.ToString();
                    if (obj.ContainsKey(key))
                        throw new InvalidDataException($"Invalid YAML in README.md metadata: the key '{key}' appears twice.");
                    obj[key] = Convert(v, depth + 1, budget);
                }
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                foreach (var item in seq.Children)
                    array.Add(Convert(item, depth + 1, budget));
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

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
