namespace Hub.Inference.Pipelines;

/// <summary>A label and its score (text-, zero-shot- and image-classification).</summary>
public sealed record ClassificationScore(string Label, double Score);
