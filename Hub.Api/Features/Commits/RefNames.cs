using System.Text.RegularExpressions;

namespace Hub.Api.Features.Commits;

/// <summary>What git (<c>check-ref-format</c>) and the hub accept as branch and tag names.</summary>
public static partial class RefNames
{
    public static string? ValidateBranch(string? name) =>
        Validate(name, "branch") ?? (name!.StartsWith("refs/", StringComparison.Ordinal) ? "Invalid reference for a branch" : null);

    public static string? ValidateTag(string? name) => Validate(name, "tag");

    private static string? Validate(string? name, string what)
    {
        if (string.IsNullOrEmpty(name)) return $"A {what} name is required.";
        if (name.Length > 200 || !Allowed().IsMatch(name) || name.Contains("..", StringComparison.Ordinal) || name.Contains("//", StringComparison.Ordinal)
            || name.EndsWith('/') || name.EndsWith(".lock", StringComparison.Ordinal) || name.StartsWith('-') || name.StartsWith('/')
            || name.Contains("@{", StringComparison.Ordinal) || name == "HEAD" || name.Split('/').Any(s => s.StartsWith('.')))
            return $"Invalid {what} name '{name}'.";
        if (ReadsAsCommitId(name))
            return $"Invalid {what} name '{name}': 40 hexadecimal characters read as a commit id.";
        return null;
    }

    /// <summary>
    /// A branch or tag named like a full commit id: both HF clients would take it for one (hf-api.md §1.9) and skip
    /// the hub, reading <c>snapshots/&lt;name&gt;/</c> from their cache; git warns that such a ref is ambiguous.
    /// </summary>
    public static bool ReadsAsCommitId(string shortName) => CommitId().IsMatch(shortName);

    // \z, not $: in .NET "$" also matches before a final newline, which let "main\n" through to git (a 500).
    [GeneratedRegex(@"^[A-Za-z0-9._/+-]+\z")]
    private static partial Regex Allowed();

    [GeneratedRegex(@"^[0-9a-fA-F]{40}\z")]
    private static partial Regex CommitId();
}
