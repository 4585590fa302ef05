namespace Hub.Inference.Pipelines;

/// <summary>
/// An entity found by token-classification: its group (label without <c>B-</c>/<c>I-</c>), mean score, text and character
/// span. With aggregation <c>none</c> each entity is one token: <see cref="EntityGroup"/> is then its full label and
/// <see cref="Index"/> its position in the model's input ids, as the HF pipeline answers (<c>entity</c>, <c>index</c>).
/// </summary>
public sealed record TokenEntity(string EntityGroup, double Score, string Word, int Start, int End, int? Index = null);
