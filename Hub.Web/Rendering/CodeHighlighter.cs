using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Hub.Web.Rendering;

/// <summary>
/// A small, safe syntax highlighter for the file viewer: every character is HTML-encoded, tokens are wrapped in spans
/// whose classes the theme colours (keys, strings, numbers, literals, comments, keywords, headings). Lines are
/// highlighted one by one, so a string that spans lines is coloured on its first line only.
/// </summary>
public static partial class CodeHighlighter
{
    public const int MaxHighlightedLines = 5000;

    /// <summary>The language of a file from its name: json, python, yaml, markdown, shell, or text.</summary>
    public static string LanguageOf(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..].ToLowerInvariant();
        return Path.GetExtension(name) switch
        {
            ".json" or ".jsonl" or ".ipynb" => "json",
            ".py" => "python",
            ".yaml" or ".yml" => "yaml",
            ".md" or ".markdown" => "markdown",
            ".sh" or ".bash" => "shell",
            ".js" or ".mjs" or ".ts" => "javascript",
            _ when name is ".gitattributes" or ".gitignore" => "shell",
            _ => "text",
        };
    }

    /// <summary>The lines of <paramref name="text"/> as HTML, one string per line.</summary>
    public static IReadOnlyList<string> Highlight(string text, string language)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length > 1 && lines[^1].Length == 0) lines = lines[..^1];
        var pattern = language switch
        {
            "json" => JsonTokens(),
            "python" => PythonTokens(),
            "yaml" => YamlTokens(),
            "markdown" => MarkdownTokens(),
            "shell" => ShellTokens(),
            "javascript" => JavaScriptTokens(),
            _ => null,
        };
        var result = new List<string>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
            result.Add(pattern is null || i >= MaxHighlightedLines ? WebUtility.HtmlEncode(lines[i]) : HighlightLine(lines[i], pattern));
        return result;
    }

    private static string HighlightLine(string line, Regex pattern)
    {
        var html = new StringBuilder(line.Length + 32);
        var position = 0;
        foreach (Match match in pattern.Matches(line))
        {
            var group = FirstGroup(match, pattern);
            if (group is null) continue;
            html.Append(WebUtility.HtmlEncode(line[position..match.Index]));
            html.Append("<span class=\"tok-").Append(group).Append("\">").Append(WebUtility.HtmlEncode(match.Value)).Append("</span>");
            position = match.Index + match.Length;
        }
        html.Append(WebUtility.HtmlEncode(line[position..]));
        return html.ToString();
    }

    private static string? FirstGroup(Match match, Regex pattern)
    {
        foreach (var name in pattern.GetGroupNames())
        {
            if (char.IsDigit(name[0])) continue;
            if (match.Groups[name].Success) return name;
        }
        return null;
    }

    [GeneratedRegex("""(?<key>"(?:[^"\\]|\\.)*"(?=\s*:))|(?<str>"(?:[^"\\]|\\.)*")|(?<num>-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)|(?<lit>\b(?:true|false|null)\b)""")]
    private static partial Regex JsonTokens();

    [GeneratedRegex("""(?<com>#.*$)|(?<str>[rbfu]?"(?:[^"\\]|\\.)*"|[rbfu]?'(?:[^'\\]|\\.)*')|(?<kw>\b(?:def|class|import|from|as|return|if|elif|else|for|while|in|not|and|or|with|try|except|finally|raise|lambda|yield|pass|break|continue|None|True|False|self|async|await)\b)|(?<num>\b\d+(?:\.\d+)?\b)""")]
    private static partial Regex PythonTokens();

    [GeneratedRegex("""(?<com>#.*$)|(?<key>^\s*-?\s*[\w.-]+(?=\s*:))|(?<str>"(?:[^"\\]|\\.)*"|'[^']*')|(?<lit>\b(?:true|false|null|yes|no)\b)|(?<num>\b\d+(?:\.\d+)?\b)""")]
    private static partial Regex YamlTokens();

    [GeneratedRegex("""(?<kw>^#{1,6}\s.*$)|(?<com>^```.*$|^---\s*$)|(?<str>`[^`]+`)|(?<key>\[[^\]]*\]\([^)]*\))""")]
    private static partial Regex MarkdownTokens();

    [GeneratedRegex("""(?<com>#.*$)|(?<str>"(?:[^"\\]|\\.)*"|'[^']*')|(?<kw>\b(?:if|then|else|fi|for|do|done|export|echo|set)\b)""")]
    private static partial Regex ShellTokens();

    [GeneratedRegex("""(?<com>//.*$)|(?<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)|(?<kw>\b(?:const|let|var|function|return|if|else|for|while|import|export|from|class|new|async|await|true|false|null|undefined)\b)|(?<num>\b\d+(?:\.\d+)?\b)""")]
    private static partial Regex JavaScriptTokens();
}
