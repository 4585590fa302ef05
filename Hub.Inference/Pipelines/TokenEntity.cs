namespace Hub.Inference.Pipelines;

/// <summary>An entity found by token-classification: its group (label without <c>B-</c>/<c>I-</c>), mean score, text and character span.</summary>
public sealed record TokenEntity(string EntityGroup, double Score, string Word, int Start, int End);
