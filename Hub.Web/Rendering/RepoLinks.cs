namespace Hub.Web.Rendering;

/// <summary>How relative links of a Markdown file in a repository become URLs: files open in the viewer, images download.</summary>
public sealed record RepoLinks(string RepoWebPath, string Revision, string Folder)
{
    public string Resolve(string relative, bool isImage)
    {
        var (path, suffix) = SplitSuffix(relative);
        var combined = Normalize(relative.StartsWith('/') ? path : (Folder.Length == 0 ? path : Folder + "/" + path));
        if (combined is null) return "#";
        var verb = isImage ? "resolve" : "blob";
        return $"{RepoWebPath}/{verb}/{Uri.EscapeDataString(Revision)}/{combined}{suffix}";
    }

    private static (string Path, string Suffix) SplitSuffix(string url)
    {
        var cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? (url, "") : (url[..cut], url[cut..]);
    }

    /// <summary>Resolves <c>.</c> and <c>..</c>; null when the path climbs out of the repository.</summary>
    private static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
