namespace Hub.Inference.Images;

/// <summary>How a model takes images: its input's name, layout (channels first or last), whether its batch size is fixed at 1, and its fixed height and width (0 where variable).</summary>
internal sealed record ImageInput(string Name, bool ChannelsFirst, bool FixedBatch, int Height, int Width)
{
    /// <summary>The model's one 4-D float input with 3 channels first or last, or null when it has none.</summary>
    public static ImageInput? Of(Microsoft.ML.OnnxRuntime.InferenceSession session)
    {
        if (session.InputMetadata.Count != 1) return null;
        var (name, meta) = session.InputMetadata.First();
        if (meta.ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float || meta.Dimensions is not { Length: 4 } d) return null;
        if (d[1] == 3) return new ImageInput(name, true, d[0] == 1, Math.Max(0, d[2]), Math.Max(0, d[3]));
        if (d[3] == 3) return new ImageInput(name, false, d[0] == 1, Math.Max(0, d[1]), Math.Max(0, d[2]));
        return null;
    }
}
