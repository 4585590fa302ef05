namespace Hub.Inference.Models;

/// <summary>Where a model repository keeps what the inference workers run.</summary>
public static class ModelLayout
{
    /// <summary>Paths of the ONNX graph, in order of preference: the first that exists at a commit is the model.</summary>
    public static IReadOnlyList<string> OnnxCandidates { get; } = ["model.onnx", "onnx/model.onnx"];
}
