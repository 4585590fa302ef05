using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Hub.Api.Tests.Indexing;

/// <summary>Builds real model files byte by byte: safetensors, a tiny ONNX graph, a GGUF header.</summary>
public static class ModelFiles
{
    /// <summary>A safetensors file: 8-byte length, JSON header, then the tensor bytes (zeros, or <paramref name="padding"/> more).</summary>
    public static byte[] Safetensors(IEnumerable<(string Name, string Dtype, long[] Shape)> tensors, int padding = 0)
    {
        var header = new Dictionary<string, object> { ["__metadata__"] = new Dictionary<string, string> { ["format"] = "pt" } };
        long offset = 0;
        foreach (var (name, dtype, shape) in tensors)
        {
            var size = shape.Aggregate(1L, (a, b) => a * b) * (dtype switch { "F32" or "I32" => 4, "BF16" or "F16" => 2, "I64" or "F64" => 8, _ => 1 });
            header[name] = new { dtype, shape, data_offsets = new[] { offset, offset + size } };
            offset += size;
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        var bytes = new byte[8 + json.Length + offset + padding];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>
    /// An ONNX ModelProto: IR 8, opset 17 (+ ai.onnx.ml 3), graph with one Identity node, a weight initializer of
    /// <paramref name="weightBytes"/> bytes, inputs <c>input_ids</c> int64 [batch, 128] and <c>mask</c> float [batch],
    /// output <c>logits</c> float32 [batch, 2].
    /// </summary>
    public static byte[] Onnx(int weightBytes = 64)
    {
        var node = Message(Str(1, "input_ids"), Str(2, "logits"), Str(3, "n0"), Str(4, "Identity"));
        var initializer = Message(Varint(1, weightBytes / 4), Varint(2, 1), Str(8, "weight"), Bytes(9, new byte[weightBytes]));
        var graph = Message(
            Bytes(1, node), Str(2, "main"), Bytes(5, initializer),
            Bytes(11, ValueInfo("input_ids", 7, Dim("batch"), Dim(128))),
            Bytes(11, ValueInfo("mask", 1, Dim("batch"))),
            Bytes(12, ValueInfo("logits", 1, Dim("batch"), Dim(2))));
        return Message(
            Varint(1, 8), Str(2, "hub-tests"), Bytes(7, graph),
            Bytes(8, Message(Str(1, ""), Varint(2, 17))),
            Bytes(8, Message(Str(1, "ai.onnx.ml"), Varint(2, 3))));
    }

    /// <summary>
    /// A GGUF v3 header: llama architecture, file type 15 (Q4_K_M), context length 4096, a small vocabulary array,
    /// tensors [4, 8] and [8] (40 parameters), then <paramref name="dataBytes"/> bytes of tensor data.
    /// </summary>
    public static byte[] Gguf(int dataBytes = 256)
    {
        using var stream = new MemoryStream();
        void U32(uint v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); stream.Write(b); }
        void U64(ulong v) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteUInt64LittleEndian(b, v); stream.Write(b); }
        void S(string s) { var b = Encoding.UTF8.GetBytes(s); U64((ulong)b.Length); stream.Write(b); }
        stream.Write("GGUF"u8);
        U32(3);
        U64(2); // tensors
        U64(5); // key/values
        S("general.architecture"); U32(8); S("llama");
        S("general.name"); U32(8); S("tiny test model");
        S("tokenizer.ggml.tokens"); U32(9); U32(8); U64(3); S("<s>"); S("hello"); S("</s>");
        S("general.file_type"); U32(4); U32(15);
        S("llama.context_length"); U32(4); U32(4096);
        S("tok_embeddings.weight"); U32(2); U64(4); U64(8); U32(12); U64(0);
        S("output_norm.weight"); U32(1); U64(8); U32(0); U64(128);
        stream.Write(new byte[dataBytes]);
        return stream.ToArray();
    }

    private static byte[] ValueInfo(string name, int elemType, params byte[][] dims) =>
        Message(Str(1, name), Bytes(2, Message(Bytes(1, Message(Varint(1, elemType), Bytes(2, Message([.. dims.Select(d => Bytes(1, d))])))))));

    private static byte[] Dim(long value) => Message(Varint(1, value));

    private static byte[] Dim(string param) => Message(Str(2, param));

    private static byte[] Message(params byte[][] fields) => [.. fields.SelectMany(f => f)];

    private static byte[] Str(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    private static byte[] Bytes(int field, byte[] value) => [.. Raw((ulong)(field << 3 | 2)), .. Raw((ulong)value.Length), .. value];

    private static byte[] Varint(int field, long value) => [.. Raw((ulong)(field << 3)), .. Raw((ulong)value)];

    private static byte[] Raw(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }
}
