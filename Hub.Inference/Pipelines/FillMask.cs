using Hub.Inference.Models;
using Hub.Inference.Runtime;

namespace Hub.Inference.Pipelines;

/// <summary>fill-mask: the softmax over the vocabulary at the first mask token, its top candidates (or the given targets).</summary>
internal static class FillMask
{
    public static async Task<IReadOnlyList<FillMaskCandidate>> FillAsync(LoadedModel model, string text, int topK, IReadOnlyList<string>? targets, int maxLength, CancellationToken cancellationToken)
    {
        var tokenizer = model.RequireTokenizer();
        var mask = tokenizer.MaskTokenId ?? throw new ModelNotFoundException($"{model.Model.RepoName} has no mask token.");
        var encoded = tokenizer.Encode(text, maxLength);
        var position = Array.IndexOf(encoded.Ids, mask);
        if (position < 0) throw new ArgumentException($"The input must contain the mask token {tokenizer.TokenString(mask)}.");
        var logits = TextClassification.Logits((await model.RunTextAsync([encoded], cancellationToken))[0]);
        var vocab = logits.Shape[^1];
        var scores = Scores.Softmax(logits.Data.AsSpan(position * vocab, vocab));
        IEnumerable<long> candidates = targets is { Count: > 0 }
            ? targets.Select(t => TargetId(tokenizer, t, maxLength)).Distinct()
            : Enumerable.Range(0, vocab).Select(i => (long)i);
        return [.. candidates.OrderByDescending(id => scores[id]).Take(topK).Select(id =>
        {
            var filled = (long[])encoded.Ids.Clone();
            filled[position] = id;
            return new FillMaskCandidate(scores[id], id, tokenizer.TokensToString([id]), tokenizer.Decode(filled));
        })];
    }

    /// <summary>
    /// A target's first token, as HF does for targets that split into several. A target with no token at all (empty,
    /// white space) is bad input: it became id 0, the padding token, offered as a candidate.
    /// </summary>
    private static long TargetId(Text.ITextTokenizer tokenizer, string target, int maxLength)
    {
        var encoded = tokenizer.Encode(target, maxLength);
        for (var i = 0; i < encoded.Length; i++)
            if (!encoded.Special[i]) return encoded.Ids[i];
        throw new ArgumentException($"The target '{target}' has no token in this model's vocabulary.");
    }
}
