using Hub.Inference.Runtime;

namespace Hub.Inference.Pipelines;

/// <summary>
/// text-classification: one logits row per text, scored with softmax (single-label), sigmoid (multi-label or one
/// label) or nothing, as <c>function_to_apply</c> or the model's <c>problem_type</c> says; labels from <c>id2label</c>.
/// </summary>
internal static class TextClassification
{
    public static async Task<IReadOnlyList<ClassificationScore>[]> ClassifyAsync(LoadedModel model, IReadOnlyList<string> texts, string? function, int? topK, int maxLength, CancellationToken cancellationToken)
    {
        var tokenizer = model.RequireTokenizer();
        var rows = await model.RunTextAsync([.. texts.Select(t => tokenizer.Encode(t, maxLength))], cancellationToken);
        return [.. rows.Select(row => Score(model, Logits(row), function, topK))];
    }

    internal static RowTensor Logits(IReadOnlyDictionary<string, RowTensor> row) =>
        row.TryGetValue("logits", out var logits) ? logits : row.Values.First();

    private static IReadOnlyList<ClassificationScore> Score(LoadedModel model, RowTensor logits, string? function, int? topK)
    {
        var labels = model.Files.Labels(logits.Data.Length);
        function ??= model.Files.ConfigString("problem_type") == "multi_label_classification" || logits.Data.Length == 1 ? "sigmoid" : "softmax";
        var scores = Scores.Apply(function, logits.Data);
        var ranked = scores.Select((s, i) => new ClassificationScore(labels[i], s)).OrderByDescending(s => s.Score);
        return [.. topK is > 0 ? ranked.Take(topK.Value) : ranked];
    }
}
