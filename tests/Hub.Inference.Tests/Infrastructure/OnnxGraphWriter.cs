using System.Text;

namespace Hub.Inference.Tests.Infrastructure;

/// <summary>
/// Writes a minimal ONNX ModelProto (IR 8, opset 13) straight in the protobuf wire format, so tests can make small
/// real models without Python or the onnx package: nodes, float/int64 initializers, typed inputs and outputs with
/// symbolic dimensions. Field numbers are those of onnx.proto.
/// </summary>
public sealed class OnnxGraphWriter
{
    public const int FloatType = 1;
    public const int Int64Type = 7;

    private readonly List<byte[]> nodes = [];
    private readonly List<byte[]> initializers = [];
    private readonly List<byte[]> inputs = [];
    private readonly List<byte[]> outputs = [];

    public OnnxGraphWriter Input(string name, int elementType, params object[] dims)
    {
        inputs.Add(ValueInfo(name, elementType, dims));
        return this;
    }

    public OnnxGraphWriter Output(string name, int elementType, params object[] dims)
    {
        outputs.Add(ValueInfo(name, elementType, dims));
        return this;
    }

    public OnnxGraphWriter Node(string opType, string[] input, string[] output, params (string Name, long Value)[] intAttributes)
    {
        var node = new Proto();
        foreach (var i in input) node.String(1, i);
        foreach (var o in output) node.String(2, o);
        node.String(3, $"{opType}_{nodes.Count}");
        node.String(4, opType);
        foreach (var (name, value) in intAttributes)
            node.Message(5, new Proto().String(1, name).Varint(3, value).Varint(20, 2).ToArray());
        nodes.Add(node.ToArray());
        return this;
    }

    public OnnxGraphWriter Initializer(string name, float[] values, params long[] dims)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        initializers.Add(Tensor(name, FloatType, dims, bytes));
        return this;
    }

    public OnnxGraphWriter Initializer(string name, long[] values, params long[] dims)
    {
        var bytes = new byte[values.Length * 8];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        initializers.Add(Tensor(name, Int64Type, dims, bytes));
        return this;
    }

    public byte[] ToArray()
    {
        var graph = new Proto();
        foreach (var n in nodes) graph.Message(1, n);
        graph.String(2, "test_graph");
        foreach (var t in initializers) graph.Message(5, t);
        foreach (var i in inputs) graph.Message(11, i);
        foreach (var o in outputs) graph.Message(12, o);
        return new Proto()
            .Varint(1, 8)
            .String(2, "hub-tests")
            .Message(7, graph.ToArray())
            .Message(8, new Proto().String(1, "").Varint(2, 13).ToArray())
            .ToArray();
    }

    private static byte[] Tensor(string name, int type, long[] dims, byte[] raw)
    {
        var tensor = new Proto();
        foreach (var d in dims) tensor.Varint(1, d);
        tensor.Varint(2, type).String(8, name).Bytes(9, raw);
        return tensor.ToArray();
    }

    /// <summary>dims: a long for a fixed size, a string for a symbolic (variable) one.</summary>
    private static byte[] ValueInfo(string name, int elementType, object[] dims)
    {
        var shape = new Proto();
        foreach (var d in dims)
            shape.Message(1, d is string symbol ? new Proto().String(2, symbol).ToArray() : new Proto().Varint(1, Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        var tensorType = new Proto().Varint(1, elementType).Message(2, shape.ToArray()).ToArray();
        return new Proto().String(1, name).Message(2, new Proto().Message(1, tensorType).ToArray()).ToArray();
    }

    private sealed class Proto
    {
        private readonly MemoryStream buffer = new();

        public Proto Varint(int field, long value)
        {
            Raw(((ulong)field << 3) | 0);
            Raw((ulong)value);
            return this;
        }

        public Proto String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public Proto Message(int field, byte[] value) => Bytes(field, value);

        public Proto Bytes(int field, byte[] value)
        {
            Raw(((ulong)field << 3) | 2);
            Raw((ulong)value.Length);
            buffer.Write(value);
            return this;
        }

        public byte[] ToArray() => buffer.ToArray();

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                buffer.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            buffer.WriteByte((byte)value);
        }
    }
}
