using System.Text;
using System.Text.RegularExpressions;

namespace Hub.Storage.Git;

/// <summary>
/// The name rules of <see cref="IGitRepositoryStore"/>: repository ids, paths inside a repository, ref names, revisions
/// and object ids. Everything that reaches a git command line passes through here first, so nothing a client sends can be
/// read by git as an option, a range or a pathspec.
/// </summary>
internal static partial class GitNames
{
    public const string ZeroId = "0000000000000000000000000000000000000000";
    public const int MaxPathBytes = 4096;
    public const int MinShortIdLength = 5;

    public static void ValidateRepoId(string repoId)
    {
        ArgumentNullException.ThrowIfNull(repoId);
        if (!RepoId().IsMatch(repoId))
            throw new ArgumentException($"Invalid repository id '{Printable(repoId)}': expected 8-64 characters [a-z0-9].", nameof(repoId));
    }

    public static bool IsObjectId(string value) => value.Length == 40 && IsLowerHex(value);

    public static bool IsShortObjectId(string value) =>
        value.Length is >= MinShortIdLength and < 40 && IsLowerHex(value);

    public static string RequireObjectId(string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        return IsObjectId(value)
            ? value
            : throw new ArgumentException($"'{Printable(value)}' is not a 40-hex object id.", paramName);
    }

    /// <summary>Checks a file or folder path (never the root); throws <see cref="GitPathException"/> naming it.</summary>
    public static void ValidatePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
            throw new GitPathException("Invalid path '': the path is empty.");
        if (FindProblem(path) is { } problem)
            throw new GitPathException($"Invalid path '{Printable(path)}': {problem}.");
    }

    /// <summary>A directory path for listing: "" is the root; one trailing '/' is tolerated (<c>dir/</c>).</summary>
    public static string NormalizeDirectory(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Length > 1 && path[^1] == '/' ? path[..^1] : path;
        if (trimmed.Length > 0)
            ValidatePath(trimmed);
        return trimmed;
    }

    /// <summary>Checks a full ref name against <c>git check-ref-format</c>'s rules (plus: it must live under <c>refs/</c>).</summary>
    public static void ValidateRefName(string refName, string paramName)
    {
        ArgumentNullException.ThrowIfNull(refName, paramName);
        if (!refName.StartsWith("refs/", StringComparison.Ordinal) || !IsValidRefTail(refName))
            throw new ArgumentException($"Invalid ref name '{Printable(refName)}'.", paramName);
    }

    /// <summary>
    /// Whether a client-supplied revision may be looked up at all: a possible ref name (with slashes), <c>HEAD</c> or
    /// hex. Options (<c>-x</c>), ranges (<c>a..b</c>), rev syntax (<c>^ ~ : @{</c>) and globs never qualify.
    /// </summary>
    public static bool IsSafeRevision(string revision) =>
        revision.Length is > 0 and <= 1024 && revision[0] != '-' && IsValidRefTail(revision);

    /// <summary>Makes a name safe to quote in an error message (control characters escaped).</summary>
    public static string Printable(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, 300));
        foreach (var c in value.Length > 300 ? value[..300] : value)
        {
            if (char.IsControl(c))
                builder.Append("\\u").Append(((int)c).ToString("x4"));
            else
                builder.Append(c);
        }

        return value.Length > 300 ? builder.Append('…').ToString() : builder.ToString();
    }

    private static string? FindProblem(string path)
    {
        if (path[0] == '/')
            return "it must be relative (no leading '/')";
        foreach (var c in path)
        {
            if (c == '\\')
                return "backslashes are not allowed (use '/')";
            if (char.IsControl(c))
                return "control characters are not allowed";
        }

        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(path);
        }
        catch (EncoderFallbackException)
        {
            return "it is not valid Unicode";
        }

        if (bytes > MaxPathBytes)
            return $"it is longer than {MaxPathBytes} bytes";
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0)
                return "empty path segments are not allowed";
            if (segment is "." or "..")
                return "'.' and '..' segments are not allowed";
            if (IsGitDirectoryName(segment))
                return "paths inside .git are not allowed";
        }

        return null;
    }

    // Like git's own verify_path: ".git" in any case, and the names NTFS and HFS+ map to it.
    private static bool IsGitDirectoryName(string segment) =>
        segment.TrimEnd('.', ' ').Equals(".git", StringComparison.OrdinalIgnoreCase)
        || segment.Equals("git~1", StringComparison.OrdinalIgnoreCase);

    private static bool IsValidRefTail(string name)
    {
        if (name.Length == 0 || name[^1] is '/' or '.' || name[0] == '/' || name == "@")
            return false;
        if (name.Contains("..", StringComparison.Ordinal) || name.Contains("@{", StringComparison.Ordinal) || name.Contains("//", StringComparison.Ordinal))
            return false;
        foreach (var c in name)
        {
            if (c <= ' ' || c == '\u007f' || char.IsWhiteSpace(c) || c is '~' or '^' or ':' or '?' or '*' or '[' or '\\')
                return false;
        }

        foreach (var component in name.Split('/'))
        {
            if (component[0] == '.' || component.EndsWith(".lock", StringComparison.Ordinal))
                return false;
        }

        return true;
    }

    private static bool IsLowerHex(string value)
    {
        foreach (var c in value)
        {
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))
                return false;
        }

        return true;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [GeneratedRegex("^[a-z0-9]{8,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex RepoId();
}
