namespace Hub.Api.Features.Commits;

/// <summary>A <c>.gitignore</c>: the last matching pattern decides; <c>!</c> re-includes.</summary>
public sealed class GitIgnore(string? text)
{
    private readonly List<(GitPattern Pattern, bool Negated)> rules = [.. (text ?? "").Split('\n')
        .Select(l => l.TrimEnd('\r'))
        .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
        .Select(l => l.StartsWith('!') ? (new GitPattern(l[1..].Trim()), true) : (new GitPattern(l.Trim()), false))];

    public bool IsIgnored(string path)
    {
        for (var i = rules.Count - 1; i >= 0; i--)
            if (rules[i].Pattern.IsMatch(path)) return !rules[i].Negated;
        return false;
    }
}
