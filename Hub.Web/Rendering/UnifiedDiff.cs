using System.Globalization;
using System.Text.RegularExpressions;

namespace Hub.Web.Rendering;

/// <summary>
/// Parses the text of <c>git diff</c> (as the discussions API answers a pull request's <c>diff</c>) into files and hunks
/// that pages render as text, never as markup.
/// </summary>
public static partial class UnifiedDiff
{
    public static IReadOnlyList<UnifiedDiffFile> Parse(string? diff)
    {
        var files = new List<UnifiedDiffFile>();
        if (string.IsNullOrEmpty(diff)) return files;
        string? path = null;
        var kind = "modified";
        string? note = null;
        var hunks = new List<DiffHunk>();
        List<DiffLine>? lines = null;
        int oldStart = 0, newStart = 0, oldNumber = 0, newNumber = 0;

        void CloseHunk()
        {
            if (lines is not null) hunks.Add(new DiffHunk(oldStart, newStart, lines));
            lines = null;
        }

        void CloseFile()
        {
            CloseHunk();
            if (path is not null) files.Add(new UnifiedDiffFile(path, kind, hunks, note));
            path = null;
            kind = "modified";
            note = null;
            hunks = [];
        }

        foreach (var line in diff.Split('\n'))
        {
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                CloseFile();
                var match = GitHeader().Match(line);
                path = match.Success ? match.Groups[2].Value : line["diff --git ".Length..];
                continue;
            }
            if (path is null) continue;
            if (lines is null)
            {
                if (line.StartsWith("new file", StringComparison.Ordinal)) kind = "added";
                else if (line.StartsWith("deleted file", StringComparison.Ordinal)) kind = "removed";
                else if (line.StartsWith("Binary files", StringComparison.Ordinal)) note = "Binary file changed.";
            }
            var hunk = HunkHeader().Match(line);
            if (hunk.Success)
            {
                CloseHunk();
                oldStart = oldNumber = int.Parse(hunk.Groups[1].Value, CultureInfo.InvariantCulture);
                newStart = newNumber = int.Parse(hunk.Groups[2].Value, CultureInfo.InvariantCulture);
                lines = [];
                continue;
            }
            if (lines is null || line.Length == 0) continue;
            switch (line[0])
            {
                case '+':
                    lines.Add(new DiffLine(DiffKind.Added, line[1..], 0, newNumber++));
                    break;
                case '-':
                    lines.Add(new DiffLine(DiffKind.Removed, line[1..], oldNumber++, 0));
                    break;
                case ' ':
                    lines.Add(new DiffLine(DiffKind.Same, line[1..], oldNumber++, newNumber++));
                    break;
                default:
                    // "\ No newline at end of file" and the API's "[diff truncated]" marker.
                    if (line.StartsWith("[diff truncated]", StringComparison.Ordinal)) note = "The diff was truncated.";
                    break;
            }
        }
        CloseFile();
        return files;
    }

    [GeneratedRegex("^diff --git a/(.*) b/(.*)$")]
    private static partial Regex GitHeader();

    [GeneratedRegex(@"^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@")]
    private static partial Regex HunkHeader();
}
