namespace Hub.Inference.Tensors;

/// <summary>A tensor in row-major order: <paramref name="Data"/> is a flat array of the element type of <paramref name="Datatype"/>.</summary>
/// <param name="Datatype">A KServe v2 datatype: <c>FP32</c>, <c>INT64</c>, <c>BYTES</c> (string)…</param>
public sealed record NamedTensor(string Name, string Datatype, long[] Shape, Array Data);
