using Hub.Inference.Models;
using Hub.Inference.Runtime;

namespace Hub.Inference.Pipelines;

/// <summary>
/// zero-shot-classification with an NLI model: one (text, hypothesis) pair per candidate label, all in one batch; the
/// entailment logits are softmaxed across labels, or per label against contradiction when <c>multi_label</c>.
/// </summary>
internal static class ZeroShotClassification
{
    public static async Task<IReadOnlyList<ClassificationScore>> ClassifyAsync(LoadedModel model, string text, IReadOnlyList<string> labels, bool multiLabel, string template, int maxLength, CancellationToken cancellationToken)
    {
        var tokenizer = model.RequireTokenizer();
        var pairs = labels.Select(l => tokenizer.EncodePair(text, template.Replace("{}", l, StringComparison.Ordinal), maxLength)).ToList();
        var rows = await model.RunTextAsync(pairs, cancellationToken);
        var logits = rows.Select(r => TextClassification.Logits(r).Data).ToList();
        var names = model.Files.Labels(logits[0].Length);
        var entail = Array.FindIndex(names, n => n.StartsWith("entail", StringComparison.OrdinalIgnoreCase));
        var contradict = Array.FindIndex(names, n => n.StartsWith("contra", StringComparison.OrdinalIgnoreCase));
        if (entail < 0 || contradict < 0)
            throw new ModelNotFoundException($"{model.Model.RepoName} is not an NLI model (id2label needs entailment and contradiction).");
        double[] scores = multiLabel
            ? [.. logits.Select(l => Scores.Softmax([l[contradict], l[entail]])[1])]
            : Scores.Softmax([.. logits.Select(l => l[entail])]);
        return [.. labels.Select((l, i) => new ClassificationScore(l, scores[i])).OrderByDescending(s => s.Score)];
    }
}
