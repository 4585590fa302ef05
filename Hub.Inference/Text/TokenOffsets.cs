using System.Globalization;

namespace Hub.Inference.Text;

/// <summary>
/// Finds the span of the original text each WordPiece token came from by walking the text alongside the tokens. The
/// comparison forgives what BERT's normaliser changed (case, accents: a non-ASCII letter matches an ASCII one, and
/// combining marks are skipped) without needing ICU, which the hub's invariant globalization leaves out. Special
/// tokens and tokens that cannot be placed get <c>(0, 0)</c>.
/// </summary>
internal static class TokenOffsets
{
    public static (int Start, int End)[] Align(string text, long[] ids, ITextTokenizer tokenizer, long unkId)
    {
        var offsets = new (int, int)[ids.Length];
        var position = 0;
        for (var t = 0; t < ids.Length; t++)
        {
            var token = tokenizer.TokenString(ids[t]);
            if (token is "[CLS]" or "[SEP]" or "[PAD]") continue;
            while (position < text.Length && (char.IsWhiteSpace(text[position]) || char.IsControl(text[position]))) position++;
            if (position >= text.Length) break;
            if (ids[t] == unkId)
            {
                var start = position;
                while (position < text.Length && !char.IsWhiteSpace(text[position]) && !char.IsPunctuation(text[position])) position++;
                if (position == start) position += char.IsSurrogatePair(text, start) ? 2 : 1;
                offsets[t] = (start, position);
                continue;
            }
            var piece = token.StartsWith("##", StringComparison.Ordinal) ? token[2..] : token;
            for (var from = position; from < text.Length; from++)
            {
                var end = MatchAt(text, from, piece);
                if (end < 0) continue;
                offsets[t] = (from, end);
                position = end;
                break;
            }
        }
        return offsets;
    }

    private static int MatchAt(string text, int start, string piece)
    {
        var i = start;
        foreach (var c in piece)
        {
            while (i < text.Length && IsMark(text[i])) i++;
            if (i >= text.Length || !Same(text[i], c)) return -1;
            i++;
        }
        while (i < text.Length && IsMark(text[i])) i++;
        return i;
    }

    private static bool Same(char original, char normalised) =>
        original == normalised
        || char.ToLowerInvariant(original) == normalised
        || original > 127 && normalised < 128 && char.IsLetter(original) && char.IsLetter(normalised);

    private static bool IsMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;
}
