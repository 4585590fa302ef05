namespace Hub.Storage.Git;

/// <summary>Refs and revision resolution.</summary>
/// <remarks>
/// Names are matched against the ref list in C#, never handed to <c>git rev-parse</c>: git's own DWIM would also try
/// <c>$GIT_DIR/&lt;name&gt;</c> and <c>refs/remotes/</c>, prefers tags over branches, and reads <c>a..b</c>,
/// <c>x^</c> or <c>-opt</c> as syntax. Only validated hex reaches rev-parse (for commit ids). Order for a name
/// <c>x</c>: a full 40-hex commit id, the full ref name <c>refs/...</c>, <c>refs/heads/x</c>, <c>refs/tags/x</c>, a
/// unique short commit id.
/// </remarks>
internal sealed partial class GitCliRepositoryStore
{
    private const string RefFormat = "--format=%(refname)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)";

    public async Task<IReadOnlyList<GitRef>> ListRefsAsync(string repoId, CancellationToken cancellationToken)
    {
        var refs = await ReadRefsAsync(RequireRepository(repoId), [], cancellationToken);
        return refs.Select(r => new GitRef(r.Key, r.Value)).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<GitResolvedRevision?> ResolveAsync(string repoId, string revision, CancellationToken cancellationToken)
    {
        var gitDir = RequireRepository(repoId);
        ArgumentNullException.ThrowIfNull(revision);
        if (!GitNames.IsSafeRevision(revision))
            return null;
        if (GitNames.IsObjectId(revision) && await VerifyCommitAsync(gitDir, revision, cancellationToken) is { } commit)
            return new GitResolvedRevision(commit, null);

        // Only the candidate names are listed (for-each-ref patterns match whole path components; globs were refused).
        var refName = revision == "HEAD" ? await ReadHeadAsync(gitDir, cancellationToken) : null;
        var patterns = refName is not null ? [refName] : RefCandidates(revision).ToArray();
        var refs = patterns.Length == 0 ? [] : await ReadRefsAsync(gitDir, patterns, cancellationToken);
        return await ResolveWithRefsAsync(gitDir, revision, refs, refName, cancellationToken);
    }

    public async Task<(GitResolvedRevision Revision, string Path)?> ResolveWithPathAsync(string repoId, string revisionAndPath, CancellationToken cancellationToken)
    {
        var gitDir = RequireRepository(repoId);
        ArgumentNullException.ThrowIfNull(revisionAndPath);
        var firstSlash = revisionAndPath.IndexOf('/', StringComparison.Ordinal);
        var first = firstSlash < 0 ? revisionAndPath : revisionAndPath[..firstSlash];

        // snapshot_download and transformers address trees by commit id: one rev-parse, no ref listing.
        if (GitNames.IsObjectId(first) && await VerifyCommitAsync(gitDir, first, cancellationToken) is { } commit)
            return (new GitResolvedRevision(commit, null), Rest(revisionAndPath, first.Length));

        var head = first == "HEAD" ? await ReadHeadAsync(gitDir, cancellationToken) : null;
        var refs = await ReadRefsAsync(gitDir, [], cancellationToken);
        // Longest prefix first: "refs/pr/1/dir/file" tries "refs/pr/1/dir/file", "refs/pr/1/dir", "refs/pr/1", ...
        for (var end = revisionAndPath.Length; end > 0; end = revisionAndPath.LastIndexOf('/', end - 1))
        {
            var candidate = revisionAndPath[..end];
            if (!GitNames.IsSafeRevision(candidate))
                continue;
            if (await ResolveWithRefsAsync(gitDir, candidate, refs, head, cancellationToken) is { } resolved)
                return (resolved, Rest(revisionAndPath, end));
        }

        return null;
    }

    private async Task<GitResolvedRevision?> ResolveWithRefsAsync(
        string gitDir, string revision, IReadOnlyDictionary<string, string> refs, string? headRef, CancellationToken cancellationToken)
    {
        if (revision == "HEAD")
        {
            if (headRef is not null && refs.TryGetValue(headRef, out var headTarget))
                return new GitResolvedRevision(headTarget, headRef);
            return null;
        }

        foreach (var candidate in RefCandidates(revision))
        {
            if (refs.TryGetValue(candidate, out var target))
                return new GitResolvedRevision(target, candidate);
        }

        if (GitNames.IsShortObjectId(revision) && await VerifyCommitAsync(gitDir, revision, cancellationToken) is { } commit)
            return new GitResolvedRevision(commit, null);
        return null;
    }

    private static IEnumerable<string> RefCandidates(string revision)
    {
        if (revision.StartsWith("refs/", StringComparison.Ordinal))
        {
            yield return revision;
            yield break;
        }

        yield return "refs/heads/" + revision;
        yield return "refs/tags/" + revision;
    }

    /// <summary>Ref name → peeled commit id. Refs that do not end at a commit (a tag of a tree) are left out.</summary>
    private async Task<Dictionary<string, string>> ReadRefsAsync(string gitDir, IReadOnlyList<string> patterns, CancellationToken cancellationToken)
    {
        var result = await _git.RunAsync(new GitInvocation(gitDir, ["for-each-ref", RefFormat, .. patterns]), cancellationToken);
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.EnsureSuccess().OutputText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\0');
            if (fields.Length < 5)
                continue;
            if (fields[1] == "commit")
                refs[fields[0]] = fields[2];
            else if (fields[1] == "tag" && fields[3] == "commit")
                refs[fields[0]] = fields[4];
        }

        return refs;
    }

    /// <summary>The commit a full or unique short id names, or null. Callers pass validated hex only.</summary>
    private async Task<string?> VerifyCommitAsync(string gitDir, string hex, CancellationToken cancellationToken)
    {
        var result = await _git.RunAsync(GitInvocation.Of(gitDir, "rev-parse", "--verify", "--quiet", "--end-of-options", hex + "^{commit}"), cancellationToken);
        return result.Succeeded && GitNames.IsObjectId(result.FirstLine) ? result.FirstLine : null;
    }

    /// <summary>
    /// The ref HEAD names, read from the file: in a bare repository HEAD is always a loose symbolic ref, and reading it
    /// saves a process on every <c>HEAD</c> lookup. Null when HEAD is detached or unreadable.
    /// </summary>
    private static async Task<string?> ReadHeadAsync(string gitDir, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(Path.Combine(gitDir, "HEAD"), cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        const string prefix = "ref: ";
        return text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..].Trim() : null;
    }

    private static string Rest(string revisionAndPath, int revisionLength) =>
        revisionLength >= revisionAndPath.Length ? string.Empty : revisionAndPath[(revisionLength + 1)..];
}
