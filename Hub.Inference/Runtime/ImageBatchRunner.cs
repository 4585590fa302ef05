using Hub.Inference.Images;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Hub.Inference.Runtime;

/// <summary>Runs preprocessed images of one size through an image model in one session run, stacked on the batch dimension; one logits row per image.</summary>
internal sealed class ImageBatchRunner(InferenceSession session, ImageInput input, int height, int width)
{
    private readonly string output = session.OutputMetadata.Where(o => o.Value.ElementDataType == TensorElementType.Float).Select(o => o.Key).FirstOrDefault()
        ?? throw new NotSupportedException("The model has no float output.");

    public float[][] Run(IReadOnlyList<float[]> images, ModelStatsRecorder recorder, CancellationToken cancellationToken)
    {
        var size = images[0].Length;
        var data = new float[images.Count * size];
        for (var i = 0; i < images.Count; i++) images[i].CopyTo(data, i * size);
        long[] shape = input.ChannelsFirst ? [images.Count, 3, height, width] : [images.Count, height, width, 3];
        using var value = OrtValue.CreateTensorValueFromMemory(data, shape);
        var inputs = new Dictionary<string, OrtValue> { [input.Name] = value };
        using var results = CancellableRun.Run(recorder, o => session.Run(o, inputs, [output]), cancellationToken);
        var logits = results[0].GetTensorDataAsSpan<float>();
        var row = logits.Length / images.Count;
        var split = new float[images.Count][];
        for (var i = 0; i < images.Count; i++) split[i] = logits.Slice(i * row, row).ToArray();
        return split;
    }
}
