using Hub.Inference.Models;
using Hub.Inference.Runtime;

namespace Hub.Inference.Pipelines;

/// <summary>image-classification: the image preprocessed as the repo says, one logits row, scored and labelled like text-classification (HF's default top 5).</summary>
internal static class ImageClassification
{
    public static async Task<IReadOnlyList<ClassificationScore>> ClassifyAsync(LoadedModel model, ReadOnlyMemory<byte> image, string? function, int? topK, CancellationToken cancellationToken)
    {
        var images = model.Images ?? throw new ModelNotFoundException(
            model.ImageProblem ?? $"{model.Model.RepoName} is not an image model (one float input [batch, 3, height, width]).");
        var pixels = images.Process(image.Span);
        var logits = (await model.RunImagesAsync([pixels], cancellationToken))[0];
        var labels = model.Files.Labels(logits.Length);
        function ??= model.Files.ConfigString("problem_type") == "multi_label_classification" || logits.Length == 1 ? "sigmoid" : "softmax";
        var ranked = Scores.Apply(function, logits).Select((s, i) => new ClassificationScore(labels[i], s)).OrderByDescending(s => s.Score);
        return [.. ranked.Take(topK is > 0 ? topK.Value : 5)];
    }
}
