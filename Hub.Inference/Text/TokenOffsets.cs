using System.Globalization;
using System.Text;

namespace Hub.Inference.Text;

/// <summary>
/// Finds the span of the original text each WordPiece token came from, by walking the text normalised the way BERT's
/// normaliser does (lower case, accents stripped) alongside the tokens. Special tokens get <c>(0, 0)</c>.
/// </summary>
internal static class TokenOffsets
{
    public static (int Start, int End)[] Align(string text, long[] ids, ITextTokenizer tokenizer, bool lowercase, long unkId)
    {
        var (chars, origin) = Normalise(text, lowercase);
        var offsets = new (int, int)[ids.Length];
        var position = 0;
        for (var t = 0; t < ids.Length; t++)
        {
            var token = tokenizer.TokenString(ids[t]);
            if (token is "[CLS]" or "[SEP]" or "[PAD]") continue;
            var piece = token.StartsWith("##", StringComparison.Ordinal) ? token[2..] : token;
            while (position < chars.Length && char.IsWhiteSpace(chars[position])) position++;
            if (position >= chars.Length) break;
            if (ids[t] == unkId)
            {
                var start = position;
                while (position < chars.Length && !char.IsWhiteSpace(chars[position]) && !char.IsPunctuation(chars[position])) position++;
                if (position == start) position++;
                offsets[t] = (origin[start], origin[position - 1] + 1);
                continue;
            }
            var found = chars.AsSpan(position).StartsWith(piece, StringComparison.Ordinal)
                ? position
                : new string(chars, position, chars.Length - position).IndexOf(piece, StringComparison.Ordinal) is var i and >= 0 ? position + i : -1;
            if (found < 0) continue;
            offsets[t] = (origin[found], origin[found + piece.Length - 1] + 1);
            position = found + piece.Length;
        }
        return offsets;
    }

    /// <summary>The normalised characters and, for each, the index of the original character it came from.</summary>
    private static (char[] Chars, int[] Origin) Normalise(string text, bool lowercase)
    {
        var chars = new List<char>(text.Length);
        var origin = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var source = lowercase ? char.ToLowerInvariant(text[i]).ToString() : text[i].ToString();
            if (lowercase) source = source.Normalize(NormalizationForm.FormD);
            foreach (var c in source)
            {
                if (lowercase && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
                chars.Add(c);
                origin.Add(i);
            }
        }
        return ([.. chars], [.. origin]);
    }
}
