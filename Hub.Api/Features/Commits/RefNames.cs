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
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._/+-]+$")]
    private static partial Regex Allowed();
}
