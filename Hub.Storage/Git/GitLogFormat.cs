using System.Globalization;
using System.Text;

namespace Hub.Storage.Git;

/// <summary>
/// The <c>git log --format</c> the store reads commits with, and its parser. Fields are NUL-separated and <c>-z</c>
/// ends each commit with NUL: commit messages cannot contain NUL, so the split is unambiguous.
/// </summary>
internal static class GitLogFormat
{
    public const string Format = "--format=%H%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B";
    private const int FieldCount = 9;

    public static IReadOnlyList<GitCommit> Parse(byte[] output)
    {
        var fields = Encoding.UTF8.GetString(output).Split('\0');
        var commits = new List<GitCommit>(fields.Length / FieldCount);
        for (var i = 0; i + FieldCount <= fields.Length; i += FieldCount)
        {
            // Between commits -z may leave a newline before the next id.
            var id = fields[i].TrimStart('\n');
            if (id.Length == 0)
                break;
            var parents = fields[i + 1].Length == 0 ? [] : fields[i + 1].Split(' ');
            var author = new GitSignature(fields[i + 2], fields[i + 3], ParseDate(fields[i + 4]));
            var committer = new GitSignature(fields[i + 5], fields[i + 6], ParseDate(fields[i + 7]));
            var message = fields[i + 8].TrimEnd('\n');
            commits.Add(new GitCommit(id, parents, author, committer, Title(message), message));
        }

        return commits;
    }

    /// <summary>git's <c>@unix ±hhmm</c> date form: exact, and free of any locale or parsing ambiguity.</summary>
    public static string FormatDate(DateTimeOffset when)
    {
        var offset = when.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"@{when.ToUnixTimeSeconds()} {sign}{abs.Hours:00}{abs.Minutes:00}");
    }

    private static DateTimeOffset ParseDate(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);

    private static string Title(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('\r');
    }
}
