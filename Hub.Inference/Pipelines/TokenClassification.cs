using Hub.Inference.Runtime;
using Hub.Inference.Text;

namespace Hub.Inference.Pipelines;

/// <summary>
/// token-classification as the HF pipeline does it: a softmax per token, then the <c>aggregation_strategy</c>.
/// <c>none</c>: every token is its own entity. <c>simple</c>: adjacent tokens with the same entity type join one group
/// unless the next starts with <c>B-</c>; a group scores the mean of its tokens and spans from its first token's start to
/// its last token's end. <c>first</c>, <c>average</c>, <c>max</c>: the sub-word tokens of a word (WordPiece <c>##</c>
/// continuations) are first fused into one word whose label is that of its first token, of the mean of its tokens'
/// score vectors, or of its most confident token; the words are then grouped as in <c>simple</c>. Groups in
/// <c>ignore_labels</c> (default <c>O</c>) are dropped; an unknown strategy is bad input.
/// </summary>
internal static class TokenClassification
{
    private static readonly string[] Strategies = ["none", "simple", "first", "average", "max"];

    public static async Task<IReadOnlyList<TokenEntity>> ClassifyAsync(LoadedModel model, string text, string aggregation, IReadOnlyCollection<string> ignoreLabels, int maxLength, CancellationToken cancellationToken)
    {
        if (!Strategies.Contains(aggregation))
            throw new ArgumentException($"'aggregation_strategy' must be one of {string.Join(", ", Strategies)}; got '{aggregation}'.");
        var tokenizer = model.RequireTokenizer();
        var encoded = tokenizer.Encode(text, maxLength);
        var logits = TextClassification.Logits((await model.RunTextAsync([encoded], cancellationToken))[0]);
        var labelCount = logits.Shape[^1];
        var labels = model.Files.Labels(labelCount);
        var tokens = new List<Token>();
        for (var t = 0; t < encoded.Length; t++)
        {
            if (encoded.Special[t]) continue;
            var scores = Scores.Softmax(logits.Data.AsSpan(t * labelCount, labelCount));
            tokens.Add(new Token(Best(labels, scores), scores, [encoded.Ids[t]], encoded.Offsets[t].Start, encoded.Offsets[t].End,
                tokenizer.TokenString(encoded.Ids[t]).StartsWith("##", StringComparison.Ordinal), t));
        }
        IEnumerable<TokenEntity> entities = aggregation switch
        {
            "none" => tokens.Select(t => new TokenEntity(t.Label.Label, t.Label.Score, tokenizer.TokenString(t.Ids[0]), t.Start, t.End, t.Index)),
            "simple" => Group(tokens, tokenizer),
            _ => Group(Words(tokens, aggregation, labels), tokenizer),
        };
        return [.. entities.Where(e => !ignoreLabels.Contains(e.EntityGroup))];
    }

    /// <summary>Fuses each word's sub-word tokens into one token labelled by the strategy (HF <c>aggregate_words</c>).</summary>
    private static List<Token> Words(List<Token> tokens, string strategy, IReadOnlyList<string> labels)
    {
        var words = new List<Token>();
        var word = new List<Token>();
        foreach (var token in tokens)
        {
            if (word.Count > 0 && !token.IsSubword)
            {
                words.Add(Word(word, strategy, labels));
                word.Clear();
            }
            word.Add(token);
        }
        if (word.Count > 0) words.Add(Word(word, strategy, labels));
        return words;
    }

    private static Token Word(List<Token> parts, string strategy, IReadOnlyList<string> labels)
    {
        var scores = strategy switch
        {
            "first" => parts[0].Scores,
            "max" => parts.MaxBy(p => p.Scores.Max())!.Scores,
            _ => [.. Enumerable.Range(0, parts[0].Scores.Length).Select(l => parts.Average(p => p.Scores[l]))],
        };
        return new Token(Best(labels, scores), scores, [.. parts.SelectMany(p => p.Ids)], parts[0].Start, parts[^1].End, false, parts[0].Index);
    }

    /// <summary>Adjacent tokens (or words) of one entity type become one entity (HF <c>group_entities</c>).</summary>
    private static List<TokenEntity> Group(List<Token> tokens, ITextTokenizer tokenizer)
    {
        var entities = new List<TokenEntity>();
        var group = new List<Token>();
        string? groupTag = null;
        foreach (var token in tokens)
        {
            var (bi, tag) = Split(token.Label.Label);
            if (group.Count > 0 && (tag != groupTag || bi == "B"))
            {
                entities.Add(Close(group, groupTag!, tokenizer));
                group.Clear();
            }
            groupTag = tag;
            group.Add(token);
        }
        if (group.Count > 0) entities.Add(Close(group, groupTag!, tokenizer));
        return entities;
    }

    private static (string Label, double Score) Best(IReadOnlyList<string> labels, double[] scores)
    {
        var best = Array.IndexOf(scores, scores.Max());
        return (labels[best], scores[best]);
    }

    private static TokenEntity Close(List<Token> group, string tag, ITextTokenizer tokenizer) =>
        new(tag, group.Average(t => t.Label.Score), tokenizer.TokensToString(group.SelectMany(t => t.Ids)), group[0].Start, group[^1].End);

    private static (string Bi, string Tag) Split(string label) =>
        label.StartsWith("B-", StringComparison.Ordinal) ? ("B", label[2..])
        : label.StartsWith("I-", StringComparison.Ordinal) ? ("I", label[2..])
        : ("I", label);

    /// <summary>A token, or a word fused from its tokens: its best label and score, its score vector, ids and span.</summary>
    private sealed record Token((string Label, double Score) Label, double[] Scores, long[] Ids, int Start, int End, bool IsSubword, int Index);
}
