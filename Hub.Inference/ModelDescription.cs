using Hub.Inference.Tensors;

namespace Hub.Inference;

/// <summary>The real inputs and outputs of a loaded model, and the tokenizer serving its text tasks (null when none).</summary>
public sealed record ModelDescription(IReadOnlyList<TensorSpec> Inputs, IReadOnlyList<TensorSpec> Outputs, string? Tokenizer, string Provider);
