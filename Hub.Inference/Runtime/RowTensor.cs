namespace Hub.Inference.Runtime;

/// <summary>One row of a batch output, with the padding of the sequence dimension cut off.</summary>
internal sealed record RowTensor(float[] Data, int[] Shape);
