namespace Hub.Inference.Pipelines;

/// <summary>A candidate for the mask token: its probability, id, text and the whole sequence with it filled in.</summary>
public sealed record FillMaskCandidate(double Score, long Token, string TokenStr, string Sequence);
