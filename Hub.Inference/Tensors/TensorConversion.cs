using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Hub.Inference.Tensors;

/// <summary>Maps KServe v2 datatypes to ONNX Runtime element types and tensors both ways.</summary>
internal static class TensorConversion
{
    private static readonly Dictionary<TensorElementType, (string Name, Type Clr)> Types = new()
    {
        [TensorElementType.Float] = ("FP32", typeof(float)),
        [TensorElementType.Double] = ("FP64", typeof(double)),
        [TensorElementType.Float16] = ("FP16", typeof(Float16)),
        [TensorElementType.Int8] = ("INT8", typeof(sbyte)),
        [TensorElementType.Int16] = ("INT16", typeof(short)),
        [TensorElementType.Int32] = ("INT32", typeof(int)),
        [TensorElementType.Int64] = ("INT64", typeof(long)),
        [TensorElementType.UInt8] = ("UINT8", typeof(byte)),
        [TensorElementType.UInt16] = ("UINT16", typeof(ushort)),
        [TensorElementType.UInt32] = ("UINT32", typeof(uint)),
        [TensorElementType.UInt64] = ("UINT64", typeof(ulong)),
        [TensorElementType.Bool] = ("BOOL", typeof(bool)),
        [TensorElementType.String] = ("BYTES", typeof(string)),
    };

    public static string Datatype(TensorElementType type) =>
        Types.TryGetValue(type, out var t) ? t.Name : type.ToString().ToUpperInvariant();

    /// <summary>The CLR element type of a v2 datatype, or null when unsupported.</summary>
    public static Type? ClrType(string datatype) =>
        Types.Values.FirstOrDefault(t => t.Name == datatype).Clr;

    public static TensorSpec Spec(string name, NodeMetadata metadata) =>
        new(name, Datatype(metadata.ElementDataType), [.. metadata.Dimensions.Select(d => (long)d)]);

    public static OrtValue ToOrtValue(NamedTensor tensor, NodeMetadata metadata)
    {
        var expected = Datatype(metadata.ElementDataType);
        if (tensor.Datatype != expected)
            throw new InvalidTensorException($"Input '{tensor.Name}' must be {expected}, not {tensor.Datatype}.");
        var count = tensor.Shape.Aggregate(1L, (a, b) => a * b);
        if (tensor.Shape.Any(d => d < 0) || count != tensor.Data.Length)
            throw new InvalidTensorException($"Input '{tensor.Name}' has shape [{string.Join(",", tensor.Shape)}] but {tensor.Data.Length} values.");
        if (metadata.Dimensions.Length != tensor.Shape.Length)
            throw new InvalidTensorException($"Input '{tensor.Name}' must have {metadata.Dimensions.Length} dimensions.");
        for (var i = 0; i < tensor.Shape.Length; i++)
            if (metadata.Dimensions[i] >= 0 && metadata.Dimensions[i] != tensor.Shape[i])
                throw new InvalidTensorException($"Dimension {i} of input '{tensor.Name}' must be {metadata.Dimensions[i]}.");
        return tensor.Data switch
        {
            string[] strings => OrtValue.CreateFromStringTensor(new DenseTensor<string>(strings, [.. tensor.Shape.Select(d => (int)d)])),
            float[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
            double[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
            Float16[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
            sbyte[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
            short[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
            int[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
            long[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
            byte[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
            ushort[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
            uint[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
            ulong[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
            bool[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
            _ => throw new InvalidTensorException($"Input '{tensor.Name}' has an unsupported datatype {tensor.Datatype}."),
        };
    }

    public static NamedTensor FromOrtValue(string name, OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        var shape = info.Shape;
        Array data = info.ElementDataType switch
        {
            TensorElementType.String => value.GetStringTensorAsArray(),
            TensorElementType.Float => value.GetTensorDataAsSpan<float>().ToArray(),
            TensorElementType.Double => value.GetTensorDataAsSpan<double>().ToArray(),
            TensorElementType.Float16 => value.GetTensorDataAsSpan<Float16>().ToArray(),
            TensorElementType.Int8 => value.GetTensorDataAsSpan<sbyte>().ToArray(),
            TensorElementType.Int16 => value.GetTensorDataAsSpan<short>().ToArray(),
            TensorElementType.Int32 => value.GetTensorDataAsSpan<int>().ToArray(),
            TensorElementType.Int64 => value.GetTensorDataAsSpan<long>().ToArray(),
            TensorElementType.UInt8 => value.GetTensorDataAsSpan<byte>().ToArray(),
            TensorElementType.UInt16 => value.GetTensorDataAsSpan<ushort>().ToArray(),
            TensorElementType.UInt32 => value.GetTensorDataAsSpan<uint>().ToArray(),
            TensorElementType.UInt64 => value.GetTensorDataAsSpan<ulong>().ToArray(),
            TensorElementType.Bool => value.GetTensorDataAsSpan<bool>().ToArray(),
            var other => throw new NotSupportedException($"Output '{name}' has element type {other}."),
        };
        return new NamedTensor(name, Datatype(info.ElementDataType), shape, data);
    }
}
