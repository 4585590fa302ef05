using Hub.Inference.Models;
using Hub.Inference.Runtime;

namespace Hub.Inference.Pipelines;

/// <summary>
/// fill-mask: at each mask token, the softmax over the vocabulary and its top candidates (or the given targets); one list
/// per mask, in the order of the text.
/// </summary>
internal static class FillMask
{
    public static async Task<IReadOnlyList<IReadOnlyList<FillMaskCandidate>>> FillAsync(LoadedModel model, string text, int topK, IReadOnlyList<string>? targets, int maxLength, CancellationToken cancellationToken)
    {
        var tokenizer = model.RequireTokenizer();
        var mask = tokenizer.MaskTokenId ?? throw new ModelNotFoundException($"{model.Model.RepoName} has no mask token.");
        var encoded = tokenizer.Encode(text, maxLength);
        var positions = Enumerable.Range(0, encoded.Length).Where(i => encoded.Ids[i] == mask).ToArray();
        if (positions.Length == 0) throw new ArgumentException($"The input must contain the mask token {tokenizer.TokenString(mask)}.");
        var logits = TextClassification.Logits((await model.RunTextAsync([encoded], cancellationToken))[0]);
        var vocab = logits.Shape[^1];
        var targetIds = targets is { Count: > 0 } ? targets.Select(t => TargetId(tokenizer, t, maxLength)).Distinct().ToArray() : null;
        return [.. positions.Select(position => Candidates(encoded.Ids, position, single: positions.Length == 1))];

        IReadOnlyList<FillMaskCandidate> Candidates(long[] ids, int position, bool single)
        {
            var scores = Scores.Softmax(logits.Data.AsSpan(position * vocab, vocab));
            IEnumerable<long> candidates = targetIds ?? Enumerable.Range(0, vocab).Select(i => (long)i);
            return [.. candidates.OrderByDescending(id => scores[id]).Take(topK).Select(id =>
            {
                var filled = (long[])ids.Clone();
                filled[position] = id;
                // As the HF pipeline: with several masks the sequence keeps the special tokens, the other masks among them.
                var sequence = single ? tokenizer.Decode(filled) : tokenizer.DecodeWithSpecialTokens(filled);
                return new FillMaskCandidate(scores[id], id, tokenizer.TokensToString([id]), sequence);
            })];
        }
    }

    private static long TargetId(Text.ITextTokenizer tokenizer, string target, int maxLength)
    {
        var encoded = tokenizer.Encode(target, maxLength);
        for (var i = 0; i < encoded.Length; i++)
            if (!encoded.Special[i]) return encoded.Ids[i];
        throw new ArgumentException($"The target '{target}' has no token in this model's vocabulary.");
    }
}
