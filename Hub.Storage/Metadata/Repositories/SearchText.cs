using System.Text;

namespace Hub.Storage.Metadata.Repositories;

/// <summary>
/// The one definition of a "word" for full-text search, shared by indexing and querying so SQLite and PostgreSQL
/// answer alike: a run of ASCII letters and digits, lower-cased; everything else separates words.
/// </summary>
/// <remarks>
/// The stored text is the distinct words in order of first appearance, space separated with a space at both ends
/// (<c>" bert base uncased "</c>). A query word matches a stored word it is a prefix of: on SQLite
/// <c>search_text LIKE '% word%'</c>, on PostgreSQL <c>search_vector @@ 'word':*</c> (a stored <c>to_tsvector('simple', search_text)</c>) over a GIN
/// index. Both see exactly the same words because PostgreSQL's parser splits such text at the spaces only.
/// Non-ASCII letters separate words (PostgreSQL's parser treats them by locale, SQLite does not), so search by id
/// substring is what finds names in other scripts.
/// </remarks>
public static class SearchText
{
    /// <summary>Words longer than this are left out of the index (and never match).</summary>
    public const int MaxWordLength = 48;

    /// <summary>At most this many distinct words are kept per repository.</summary>
    public const int MaxWords = 2000;

    /// <summary>At most this many words of a query are used.</summary>
    public const int MaxQueryWords = 8;

    /// <summary>The words of <paramref name="text"/>, in order, with repeats.</summary>
    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrEmpty(text))
            yield break;
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (word.Length > 0 && word.Length <= MaxWordLength)
                yield return word.ToString();
            word.Clear();
        }
        if (word.Length > 0 && word.Length <= MaxWordLength)
            yield return word.ToString();
    }

    /// <summary>The stored form of the given texts (null when they hold no word).</summary>
    public static string? Build(IEnumerable<string?> texts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new StringBuilder(" ");
        foreach (var word in texts.SelectMany(Words))
        {
            if (seen.Count >= MaxWords)
                break;
            if (seen.Add(word))
                result.Append(word).Append(' ');
        }
        return seen.Count == 0 ? null : result.ToString();
    }

    /// <summary>The distinct words of a query, at most <see cref="MaxQueryWords"/>.</summary>
    public static IReadOnlyList<string> QueryWords(string? query) =>
        Words(query).Distinct(StringComparer.Ordinal).Take(MaxQueryWords).ToArray();

    /// <summary>True when every query word is a prefix of a word of <paramref name="stored"/> (the reference semantics).</summary>
    public static bool Matches(string? stored, IReadOnlyList<string> queryWords) =>
        queryWords.Count > 0 && stored is not null &&
        queryWords.All(w => stored.Contains(" " + w, StringComparison.Ordinal));
}
