namespace Hub.Inference.Models;

/// <summary>The repository at that commit holds no usable model (no <c>model.onnx</c>, or no tokenizer for a text task).</summary>
public sealed class ModelNotFoundException(string message) : Exception(message);
