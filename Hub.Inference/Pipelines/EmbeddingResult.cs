namespace Hub.Inference.Pipelines;

/// <summary>One vector per input and the number of tokens the inputs took (OpenAI's <c>usage</c>).</summary>
public sealed record EmbeddingResult(float[][] Vectors, int Tokens)
{
    /// <summary>
    /// The first <paramref name="dimensions"/> values of each vector (Matryoshka shortening), scaled back to unit length
    /// when the answer is normalised: OpenAI's shortened text-embedding-3 vectors and TEI's <c>dimensions</c> with
    /// <c>normalize</c> are unit vectors, and clients that take the dot product as the cosine rely on it. More dimensions
    /// than the model has is bad input, as OpenAI answers.
    /// </summary>
    public float[][] Shortened(int? dimensions, bool normalize)
    {
        if (dimensions is not { } size || Vectors.Length == 0 || size == Vectors[0].Length) return Vectors;
        if (size > Vectors[0].Length)
            throw new ArgumentException($"'dimensions' is {size}, but this model's embeddings have {Vectors[0].Length}.");
        return [.. Vectors.Select(vector =>
        {
            var row = vector[..size];
            if (normalize) FeatureExtraction.Normalize(row);
            return row;
        })];
    }
}
