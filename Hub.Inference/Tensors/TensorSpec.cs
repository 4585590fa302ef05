namespace Hub.Inference.Tensors;

/// <summary>An input or output of a model as KServe v2 describes it: variable dimensions are -1.</summary>
/// <param name="Datatype">A KServe v2 datatype: <c>FP32</c>, <c>INT64</c>, <c>BYTES</c>…</param>
public sealed record TensorSpec(string Name, string Datatype, long[] Shape);
