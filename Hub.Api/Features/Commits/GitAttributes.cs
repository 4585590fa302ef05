namespace Hub.Api.Features.Commits;

/// <summary>The LFS rules of a <c>.gitattributes</c> file (<c>filter=lfs</c>; later lines win, <c>-filter</c> unsets).</summary>
public sealed class GitAttributes
{
    private readonly List<(GitPattern Pattern, bool Lfs)> rules = [];

    public GitAttributes(string? text)
    {
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2) continue;
            var pattern = parts[0].Replace("[[:space:]]", " ", StringComparison.Ordinal);
            foreach (var attribute in parts[1..])
            {
                if (attribute == "filter=lfs") rules.Add((new GitPattern(pattern), true));
                else if (attribute is "-filter" or "!filter" || attribute.StartsWith("filter=", StringComparison.Ordinal)) rules.Add((new GitPattern(pattern), false));
            }
        }
    }

    public bool IsLfs(string path)
    {
        for (var i = rules.Count - 1; i >= 0; i--)
            if (rules[i].Pattern.IsMatch(path)) return rules[i].Lfs;
        return false;
    }

    /// <summary>The line that makes exactly <paramref name="path"/> an LFS file.</summary>
    public static string LfsLine(string path) => $"{GitPattern.Literal(path)} filter=lfs diff=lfs merge=lfs -text";
}
