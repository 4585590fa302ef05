using Hub.Inference.Runtime;

namespace Hub.Inference.Pipelines;

/// <summary>
/// token-classification: a softmax per token, its best label, then the HF <c>simple</c> aggregation: adjacent tokens
/// with the same entity type join one group unless the next starts with <c>B-</c>; a group scores the mean of its
/// tokens and spans from its first token's start to its last token's end. Groups in <c>ignore_labels</c> (default
/// <c>O</c>) are dropped. With <c>none</c> every token is its own entity.
/// </summary>
internal static class TokenClassification
{
    public static async Task<IReadOnlyList<TokenEntity>> ClassifyAsync(LoadedModel model, string text, string aggregation, IReadOnlyCollection<string> ignoreLabels, int maxLength, CancellationToken cancellationToken)
    {
        var tokenizer = model.RequireTokenizer();
        var encoded = tokenizer.Encode(text, maxLength);
        var logits = TextClassification.Logits((await model.RunTextAsync([encoded], cancellationToken))[0]);
        var labelCount = logits.Shape[^1];
        var labels = model.Files.Labels(labelCount);
        var tokens = new List<(string Label, double Score, long Id, int Start, int End)>();
        for (var t = 0; t < encoded.Length; t++)
        {
            if (encoded.Special[t]) continue;
            var scores = Scores.Softmax(logits.Data.AsSpan(t * labelCount, labelCount));
            var best = Array.IndexOf(scores, scores.Max());
            tokens.Add((labels[best], scores[best], encoded.Ids[t], encoded.Offsets[t].Start, encoded.Offsets[t].End));
        }
        var entities = new List<TokenEntity>();
        if (aggregation == "none")
        {
            foreach (var token in tokens)
                entities.Add(new TokenEntity(token.Label, token.Score, tokenizer.TokenString(token.Id), token.Start, token.End));
        }
        else
        {
            var group = new List<(string Label, double Score, long Id, int Start, int End)>();
            string? groupTag = null;
            foreach (var token in tokens)
            {
                var (bi, tag) = Split(token.Label);
                if (group.Count > 0 && (tag != groupTag || bi == "B"))
                {
                    entities.Add(Close(group, groupTag!, tokenizer));
                    group.Clear();
                }
                groupTag = tag;
                group.Add(token);
            }
            if (group.Count > 0) entities.Add(Close(group, groupTag!, tokenizer));
        }
        return [.. entities.Where(e => !ignoreLabels.Contains(e.EntityGroup))];
    }

    private static TokenEntity Close(List<(string Label, double Score, long Id, int Start, int End)> group, string tag, Text.ITextTokenizer tokenizer) =>
        new(tag, group.Average(t => t.Score), tokenizer.TokensToString(group.Select(t => t.Id)), group[0].Start, group[^1].End);

    private static (string Bi, string Tag) Split(string label) =>
        label.StartsWith("B-", StringComparison.Ordinal) ? ("B", label[2..])
        : label.StartsWith("I-", StringComparison.Ordinal) ? ("I", label[2..])
        : ("I", label);
}
