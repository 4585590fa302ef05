namespace Hub.Inference.Tensors;

/// <summary>The KServe v2 datatypes the worker accepts.</summary>
public static class TensorDatatypes
{
    /// <summary>The CLR element type of a v2 datatype (<c>FP32</c> → float, <c>BYTES</c> → string…), or null when unsupported.</summary>
    public static Type? ClrType(string datatype) => TensorConversion.ClrType(datatype);
}
