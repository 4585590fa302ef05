using System.Text.RegularExpressions;

namespace Hub.Api.Http;

/// <summary>Rules for user, organization and repository names.</summary>
public static partial class Names
{
    /// <summary>
    /// Letters, digits, <c>-</c>, <c>_</c>, <c>.</c>; starts and ends with a letter or digit; no <c>--</c> or <c>..</c>;
    /// at most 96 characters (the HF rules).
    /// </summary>
    public static string? ValidateRepoName(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "A repository name is required.";
        if (name.Length > 96) return "A repository name has at most 96 characters.";
        if (!NameRegex().IsMatch(name) || name.Contains("--", StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
            return $"Invalid repository name '{name}': use letters, digits, '-', '_' and '.', starting and ending with a letter or digit, without '--' or '..'.";
        if (name.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
            return $"Invalid repository name '{name}': it may not end with '.git'.";
        return null;
    }

    /// <summary>Same rules as repository names, and not a reserved word.</summary>
    public static string? ValidateNamespace(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "A name is required.";
        if (name.Length > 42) return "A user or organization name has at most 42 characters.";
        if (!NameRegex().IsMatch(name) || name.Contains("--", StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
            return $"Invalid name '{name}': use letters, digits, '-', '_' and '.', starting and ending with a letter or digit.";
        if (RepoTypes.ReservedNamespaces.Contains(name))
            return $"The name '{name}' is reserved.";
        return null;
    }

    // \z, not $: in .NET "$" also matches before a final newline, which let "name\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?\z")]
    private static partial Regex NameRegex();
}
