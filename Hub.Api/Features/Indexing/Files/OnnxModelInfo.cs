using System.Text;
using System.Text.Json.Nodes;

namespace Hub.Api.Features.Indexing.Files;

/// <summary>
/// The interface of an ONNX model: IR version, opsets, and the graph's inputs and outputs with element type and shape.
/// Walks the protobuf fields and reads only the graph's input/output <c>ValueInfoProto</c>s and the
/// <c>opset_import</c>s; nodes and initializers (the weights) are skipped by length, never read.
/// </summary>
public static class OnnxModelInfo
{
    private const int MaxValueInfoBytes = 1024 * 1024;

    private static readonly string[] ElementTypes =
        ["undefined", "float32", "uint8", "int8", "uint16", "int16", "int32", "int64", "string", "bool", "float16", "float64",
         "uint32", "uint64", "complex64", "complex128", "bfloat16", "float8e4m3fn", "float8e4m3fnuz", "float8e5m2", "float8e5m2fnuz",
         "uint4", "int4", "float4e2m1"];

    /// <summary>Reads the model's interface as JSON. Throws <see cref="InvalidDataException"/> for a malformed file.</summary>
    public static async Task<JsonObject> ReadAsync(IndexedFile file, CancellationToken ct)
    {
        var model = new ProtoReader(file, 0, file.Length);
        long? irVersion = null;
        var opsets = new JsonObject();
        var inputs = new JsonArray();
        var outputs = new JsonArray();
        var sawGraph = false;
        while (!model.AtEnd)
        {
            var (field, wire) = await model.ReadTagAsync(ct);
            switch (field, wire)
            {
                case (1, 0):
                    irVersion = (long)await model.ReadVarintAsync(ct);
                    break;
                case (8, 2):
                    var (domain, version) = ReadOpset(await model.ReadAsync(Small(await model.ReadLengthAsync(ct), file), ct));
                    opsets[domain.Length == 0 ? "ai.onnx" : domain] = version;
                    break;
                case (7, 2):
                    var length = await model.ReadLengthAsync(ct);
                    var graph = new ProtoReader(file, model.Position, model.Position + length);
                    await ReadGraphAsync(graph, file, inputs, outputs, ct);
                    model.Advance(length);
                    sawGraph = true;
                    break;
                default:
                    await model.SkipAsync(wire, ct);
                    break;
            }
        }
        if (!sawGraph || irVersion is null)
            throw new InvalidDataException($"{file.Path}: not an ONNX model (no IR version or graph).");
        return new JsonObject
        {
            ["path"] = file.Path,
            ["irVersion"] = irVersion,
            ["opset"] = opsets,
            ["inputs"] = inputs,
            ["outputs"] = outputs,
        };
    }

    private static async Task ReadGraphAsync(ProtoReader graph, IndexedFile file, JsonArray inputs, JsonArray outputs, CancellationToken ct)
    {
        while (!graph.AtEnd)
        {
            var (field, wire) = await graph.ReadTagAsync(ct);
            if (field is 11 or 12 && wire == 2)
            {
                var bytes = await graph.ReadAsync(Small(await graph.ReadLengthAsync(ct), file), ct);
                (field == 11 ? inputs : outputs).Add(ReadValueInfo(bytes));
            }
            else
            {
                // node (1), initializer (5), sparse_initializer (15), value_info (13)…: skipped by their length.
                await graph.SkipAsync(wire, ct);
            }
        }
    }

    private static int Small(long length, IndexedFile file) => length <= MaxValueInfoBytes
        ? (int)length
        : throw new InvalidDataException($"{file.Path}: an input/output description is larger than {MaxValueInfoBytes} bytes.");

    private static (string Domain, long Version) ReadOpset(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoSpan(bytes);
        var (domain, version) = ("", 0L);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == 2) domain = Encoding.UTF8.GetString(reader.ReadBytes());
            else if (field == 2 && wire == 0) version = (long)reader.ReadVarint();
            else reader.Skip(wire);
        }
        return (domain, version);
    }

    private static JsonObject ReadValueInfo(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoSpan(bytes);
        var json = new JsonObject { ["name"] = "" };
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == 2) json["name"] = Encoding.UTF8.GetString(reader.ReadBytes());
            else if (field == 2 && wire == 2) ReadType(reader.ReadBytes(), json);
            else reader.Skip(wire);
        }
        return json;
    }

    /// <summary>TypeProto: tensor_type (1) and sparse_tensor_type (8) share {elem_type = 1, shape = 2}; other kinds are named only.</summary>
    private static void ReadType(ReadOnlySpan<byte> bytes, JsonObject json)
    {
        var reader = new ProtoSpan(bytes);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field is 1 or 8 && wire == 2)
            {
                if (field == 8) json["sparse"] = true;
                var tensor = new ProtoSpan(reader.ReadBytes());
                while (!tensor.AtEnd)
                {
                    var (f, w) = tensor.ReadTag();
                    if (f == 1 && w == 0)
                    {
                        var type = tensor.ReadVarint();
                        json["dtype"] = type < (ulong)ElementTypes.Length ? ElementTypes[type] : $"type{type}";
                    }
                    else if (f == 2 && w == 2) json["shape"] = ReadShape(tensor.ReadBytes());
                    else tensor.Skip(w);
                }
            }
            else if (wire == 2)
            {
                json["kind"] = field switch { 4 => "sequence", 5 => "map", 9 => "optional", _ => "other" };
                reader.Skip(wire);
            }
            else reader.Skip(wire);
        }
    }

    private static JsonArray ReadShape(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoSpan(bytes);
        var dims = new JsonArray();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field != 1 || wire != 2)
            {
                reader.Skip(wire);
                continue;
            }
            var dim = new ProtoSpan(reader.ReadBytes());
            JsonNode? value = null;
            while (!dim.AtEnd)
            {
                var (f, w) = dim.ReadTag();
                if (f == 1 && w == 0) value = (long)dim.ReadVarint();
                else if (f == 2 && w == 2) value = Encoding.UTF8.GetString(dim.ReadBytes());
                else dim.Skip(w);
            }
            dims.Add(value);
        }
        return dims;
    }
}
