namespace Hub.Inference.Pipelines;

/// <summary>One vector per input and the number of tokens the inputs took (OpenAI's <c>usage</c>).</summary>
public sealed record EmbeddingResult(float[][] Vectors, int Tokens);
