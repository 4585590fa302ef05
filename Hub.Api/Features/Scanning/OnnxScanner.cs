using System.Text;

namespace Hub.Api.Features.Scanning;

/// <summary>
/// Finds ONNX tensors whose external data lives outside the repository: <c>TensorProto.external_data</c>
/// <c>location</c> entries that are absolute, URLs, or climb above the repository root with <c>..</c>. ONNX Runtime
/// opens such paths on the machine that loads the model (the hub's inference workers included). Walks the protobuf
/// messages that can hold tensors (graph initializers, node attributes, subgraphs, functions, sparse tensors) and
/// skips everything else, raw tensor bytes included, by seeking.
/// </summary>
public static class OnnxScanner
{
    private const int MaxDepth = 48;

    public static IReadOnlyList<string> Scan(ScanInput input, long length, string modelPath)
    {
        var issues = new List<string>();
        Message(input, length, modelPath, issues, Kind.Model, 0);
        return issues;
    }

    private enum Kind { Model, Graph, Node, Attribute, Function, Tensor, Sparse, Entry }

    private static (string? Key, string? Value) Message(ScanInput input, long end, string modelPath, List<string> issues, Kind kind, int depth)
    {
        if (depth > MaxDepth) throw new InvalidDataException("ONNX messages are nested too deeply");
        string? key = null, value = null, tensorName = null;
        while (input.Location < end)
        {
            var tag = Varint(input);
            var field = (int)(tag >> 3);
            var wire = (int)(tag & 7);
            if (wire != 2)
            {
                SkipScalar(input, wire);
                continue;
            }
            var size = (long)Varint(input);
            if (size < 0 || input.Location + size > end) throw new InvalidDataException("a protobuf field runs past its message");
            var child = Child(kind, field);
            var fieldEnd = input.Location + size;
            if (child is { } c)
            {
                var (k, v) = Message(input, fieldEnd, modelPath, issues, c, depth + 1);
                if (c == Kind.Entry && k == "location" && v is not null && Escapes(modelPath, v) is { } problem)
                    issues.Add($"tensor {tensorName ?? "(unnamed)"} keeps its data at '{Printable(v)}', {problem}");
            }
            else if (kind == Kind.Entry && field is 1 or 2 && size <= 4096)
            {
                var text = Encoding.UTF8.GetString(input.ReadBytes((int)size));
                if (field == 1) key = text; else value = text;
            }
            else if (kind == Kind.Tensor && field == 8 && size <= 4096)
            {
                tensorName = Encoding.UTF8.GetString(input.ReadBytes((int)size));
            }
            else
            {
                input.Skip(size);
            }
            if (input.Location != fieldEnd) throw new InvalidDataException("a protobuf message is inconsistent");
        }
        return (key, value);
    }

    /// <summary>Which length-delimited fields hold messages that may contain tensors (onnx.proto field numbers).</summary>
    private static Kind? Child(Kind parent, int field) => (parent, field) switch
    {
        (Kind.Model, 7) => Kind.Graph,
        (Kind.Model, 25) => Kind.Function,
        (Kind.Graph, 1) => Kind.Node,
        (Kind.Graph, 5) => Kind.Tensor,
        (Kind.Graph, 15) => Kind.Sparse,
        (Kind.Node, 5) => Kind.Attribute,
        (Kind.Function, 7) => Kind.Node,
        (Kind.Attribute, 5 or 10) => Kind.Tensor,
        (Kind.Attribute, 6 or 11) => Kind.Graph,
        (Kind.Attribute, 22 or 23) => Kind.Sparse,
        (Kind.Sparse, 1 or 2) => Kind.Tensor,
        (Kind.Tensor, 13) => Kind.Entry,
        _ => null,
    };

    /// <summary>Why <paramref name="location"/>, relative to the model's folder, is not a file of the repository; null when it is.</summary>
    public static string? Escapes(string modelPath, string location)
    {
        if (location.Length == 0) return "an empty path";
        if (location.Any(char.IsControl)) return "a path with control characters";
        if (location.Contains("://", StringComparison.Ordinal) || location.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return "a URL, not a file of the repository";
        var normalized = location.Replace('\\', '/');
        if (normalized.StartsWith('/') || (normalized.Length >= 2 && char.IsAsciiLetter(normalized[0]) && normalized[1] == ':'))
            return "an absolute path outside the repository";
        var stack = new List<string>(modelPath.Split('/')[..^1]);
        foreach (var part in normalized.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (stack.Count == 0) return "a path that leaves the repository";
                stack.RemoveAt(stack.Count - 1);
                continue;
            }
            stack.Add(part);
        }
        return null;
    }

    private static ulong Varint(ScanInput input)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = input.ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("a protobuf varint is too long");
    }

    private static void SkipScalar(ScanInput input, int wire)
    {
        switch (wire)
        {
            case 0: Varint(input); break;
            case 1: input.Skip(8); break;
            case 5: input.Skip(4); break;
            default: throw new InvalidDataException($"unsupported protobuf wire type {wire}");
        }
    }

    private static string Printable(string value) => new([.. value.Take(200).Select(c => char.IsControl(c) ? '?' : c)]);
}
