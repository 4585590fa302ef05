namespace Hub.Inference.Tests.Infrastructure;

/// <summary>
/// A small real image classifier: the sum of the pixel values per channel of a 4×4 image through a linear layer, with
/// labels red, green and blue (shared by the inference tests and the web widget tests).
/// </summary>
public static class TinyImageModels
{
    public static readonly string[] Labels = ["red", "green", "blue"];

    public static readonly float[] Weights = [0.1f, -0.02f, 0.03f, 0.01f, 0.1f, -0.04f, -0.03f, 0.02f, 0.1f]; // [3, 3]

    public static readonly float[] Bias = [0.2f, -0.1f, 0f];

    /// <summary>The preprocessing the model expects: 4×4, rescaled to [0, 1], normalised around 0.5.</summary>
    public const string Preprocessor =
        """{"do_resize": true, "size": {"height": 4, "width": 4}, "do_rescale": true, "rescale_factor": 0.00392156862745098, "do_normalize": true, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5], "resample": 2}""";

    public static byte[] Model() => new OnnxGraphWriter()
        .Input("pixel_values", OnnxGraphWriter.FloatType, "batch", 3L, 4L, 4L)
        .Output("logits", OnnxGraphWriter.FloatType, "batch", 3L)
        .Initializer("axes", [2L, 3L], 2)
        .Initializer("weights", Weights, 3, 3)
        .Initializer("bias", Bias, 3)
        .Node("ReduceSum", ["pixel_values", "axes"], ["summed"], ("keepdims", 0))
        .Node("MatMul", ["summed", "weights"], ["projected"])
        .Node("Add", ["projected", "bias"], ["logits"])
        .ToArray();
}
