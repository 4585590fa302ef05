using System.Text.Json.Nodes;
using Hub.Inference.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Hub.Api.Features.Inference;

/// <summary>KServe v2 tensors in JSON: <c>data</c> flat or nested, row-major, the shape describing the whole tensor.</summary>
public static class V2Tensors
{
    public static NamedTensor Parse(JsonNode? node)
    {
        if (node is not JsonObject input) throw new ArgumentException("Each input must be an object with name, shape, datatype and data.");
        var name = input["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : throw new ArgumentException("An input has no 'name' string.");
        var datatype = input["datatype"] is JsonValue t && t.TryGetValue<string>(out var d) ? d : throw new ArgumentException($"Input '{name}' has no 'datatype' string.");
        var shape = input["shape"] is JsonArray dims && dims.All(x => x is JsonValue v && v.TryGetValue<long>(out _))
            ? dims.Select(x => x!.GetValue<long>()).ToArray() : throw new ArgumentException($"Input '{name}' needs a 'shape': a list of integers.");
        var values = new List<JsonNode?>();
        Flatten(input["data"] ?? throw new ArgumentException($"Input '{name}' has no 'data'."), values);
        var type = TensorDatatypes.ClrType(datatype) ?? throw new ArgumentException($"Input '{name}' has an unknown datatype '{datatype}'.");
        var data = Array.CreateInstance(type, values.Count);
        for (var i = 0; i < values.Count; i++)
            data.SetValue(Convert(values[i], type, name), i);
        return new NamedTensor(name, datatype, shape, data);
    }

    public static JsonObject Write(NamedTensor tensor)
    {
        var data = new JsonArray();
        foreach (var value in tensor.Data)
            data.Add(value switch
            {
                Float16 half => JsonValue.Create((float)half),
                float f => JsonValue.Create(f),
                double d => JsonValue.Create(d),
                string s => JsonValue.Create(s),
                bool b => JsonValue.Create(b),
                _ => JsonValue.Create(System.Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)),
            });
        return new JsonObject { ["name"] = tensor.Name, ["datatype"] = tensor.Datatype, ["shape"] = new JsonArray([.. tensor.Shape.Select(d => JsonValue.Create(d))]), ["data"] = data };
    }

    public static JsonObject Spec(TensorSpec spec) =>
        new() { ["name"] = spec.Name, ["datatype"] = spec.Datatype, ["shape"] = new JsonArray([.. spec.Shape.Select(d => JsonValue.Create(d))]) };

    private static void Flatten(JsonNode node, List<JsonNode?> values)
    {
        if (node is JsonArray array)
            foreach (var item in array)
            {
                if (item is JsonArray) Flatten(item, values);
                else values.Add(item);
            }
        else values.Add(node);
    }

    /// <summary>
    /// One element as <paramref name="type"/>; a value of the wrong JSON kind or out of the type's range is bad input that
    /// names the input (it surfaced as the serializer's anonymous message, or as an OverflowException answered 500).
    /// </summary>
    private static object Convert(JsonNode? node, Type type, string name)
    {
        if (node is not JsonValue value) throw new ArgumentException($"Input '{name}' has a value that is not a scalar.");
        try
        {
            return ConvertValue(value, type, name);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException)
        {
            throw new ArgumentException($"Input '{name}' holds {value.ToJsonString()}, which is not a {TypeName(type)} value.", e);
        }
    }

    private static string TypeName(Type type) => type == typeof(string) ? "BYTES (string)" : type.Name;

    private static object ConvertValue(JsonValue value, Type type, string name)
    {
        if (type == typeof(string)) return value.GetValue<string>();
        if (type == typeof(bool)) return value.GetValue<bool>();
        var number = value.GetValue<double>();
        if (type == typeof(Float16)) return (Float16)(float)number;
        if (type != typeof(float) && type != typeof(double) && number != Math.Floor(number))
            throw new ArgumentException($"Input '{name}' holds {number}, which is not an integer.");
        return System.Convert.ChangeType(number, type, System.Globalization.CultureInfo.InvariantCulture);
    }
}
