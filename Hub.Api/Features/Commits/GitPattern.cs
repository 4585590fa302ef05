using System.Text;
using System.Text.RegularExpressions;

namespace Hub.Api.Features.Commits;

/// <summary>
/// A <c>.gitattributes</c> / <c>.gitignore</c> path pattern: without a slash it matches the file name at any depth,
/// with one it matches the path from the root; <c>*</c>, <c>?</c>, <c>[…]</c> and <c>**</c> as in git.
/// </summary>
public sealed class GitPattern
{
    private readonly Regex regex;

    public GitPattern(string pattern)
    {
        Text = pattern;
        var anchored = pattern.TrimEnd('/').Contains('/', StringComparison.Ordinal);
        var body = pattern.TrimStart('/');
        MatchesDirectoryOnly = body.EndsWith('/');
        body = body.TrimEnd('/');
        var re = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '*' && i + 1 < body.Length && body[i + 1] == '*')
            {
                var slashAfter = i + 2 < body.Length && body[i + 2] == '/';
                re.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else if (c == '*') re.Append("[^/]*");
            else if (c == '?') re.Append("[^/]");
            else if (c == '\\' && i + 1 < body.Length) re.Append(Regex.Escape(body[++i].ToString()));
            else if (c == '[' && body.IndexOf(']', i + 1) is var end and > 0)
            {
                var set = body[(i + 1)..end];
                re.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                i = end;
            }
            else re.Append(Regex.Escape(c.ToString()));
        }
        // A pattern naming a directory also covers everything below it.
        re.Append("(?:/.*)?$");
        regex = new Regex(re.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    public string Text { get; }

    public bool MatchesDirectoryOnly { get; }

    public bool IsMatch(string path) => regex.IsMatch(path);

    /// <summary>The pattern for exactly this path: glob characters escaped, quoted when it has spaces.</summary>
    public static string Literal(string path)
    {
        var escaped = Regex.Replace(path, @"([*?\[\]\\!#])", @"\$1");
        return escaped.Contains(' ', StringComparison.Ordinal) ? escaped.Replace(" ", "[[:space:]]", StringComparison.Ordinal) : escaped;
    }
}
