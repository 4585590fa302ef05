using System.Globalization;

namespace Hub.Storage.Git;

/// <summary>Trees, entries and blobs: the download path, one git process per call.</summary>
internal sealed partial class GitCliRepositoryStore
{
    private const string TreeMode = "040000";

    public async Task<GitTreePage> ListTreeAsync(string repoId, string commitId, string path, bool recursive, string? cursor, int limit, CancellationToken cancellationToken)
    {
        var gitDir = RequireRepository(repoId);
        GitNames.RequireObjectId(commitId, nameof(commitId));
        var directory = GitNames.NormalizeDirectory(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // "<commit>:<dir>" names the directory's tree; a file or a missing path is "not a tree" / "not a valid object".
        string[] arguments = recursive
            ? ["ls-tree", "-z", "--long", "-r", "-t", commitId + ":" + directory]
            : ["ls-tree", "-z", "--long", commitId + ":" + directory];
        var result = await _git.RunAsync(new GitInvocation(gitDir, arguments), cancellationToken);
        if (!result.Succeeded && IsMissingObject(result))
            throw new GitEntryNotFoundException($"The folder '{GitNames.Printable(directory)}' does not exist at {commitId}.");

        var prefix = directory.Length == 0 ? string.Empty : directory + "/";
        // git orders a tree's entries as if directory names ended in '/', and a recursive listing interleaves
        // subtrees; pages need one total order that a cursor (the last path of the previous page) can continue from.
        var entries = ParseLsTree(result.EnsureSuccess().OutputText, prefix)
            .Where(e => cursor is null || string.CompareOrdinal(e.Path, cursor) > 0)
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .Take(limit == int.MaxValue ? limit : limit + 1)
            .ToList();
        if (entries.Count <= limit)
            return new GitTreePage(entries, null);
        entries.RemoveAt(limit);
        return new GitTreePage(entries, entries[^1].Path);
    }

    public async Task<GitTreeEntry?> GetEntryAsync(string repoId, string commitId, string path, CancellationToken cancellationToken)
    {
        var gitDir = RequireRepository(repoId);
        GitNames.RequireObjectId(commitId, nameof(commitId));
        var normalized = GitNames.NormalizeDirectory(path);
        if (normalized.Length == 0)
        {
            var root = await _git.RunAsync(GitInvocation.Of(gitDir, "rev-parse", "--verify", "--quiet", commitId + "^{tree}"), cancellationToken);
            return root.Succeeded ? new GitTreeEntry(string.Empty, GitEntryKind.Directory, root.FirstLine, 0, TreeMode) : null;
        }

        // One pathspec (literal: GIT_LITERAL_PATHSPECS) lists exactly that entry, file or directory, without its content.
        var result = await _git.RunAsync(GitInvocation.Of(gitDir, "ls-tree", "-z", "--long", "--full-tree", commitId, "--", normalized), cancellationToken);
        if (!result.Succeeded && IsMissingObject(result))
            return null;
        return ParseLsTree(result.EnsureSuccess().OutputText, string.Empty).FirstOrDefault(e => e.Path == normalized);
    }

    public async Task<Stream?> OpenBlobAsync(string repoId, string blobId, CancellationToken cancellationToken)
    {
        var gitDir = RequireRepository(repoId);
        GitNames.RequireObjectId(blobId, nameof(blobId));
        var git = _git.Start(GitInvocation.Of(gitDir, "cat-file", "--batch"));
        try
        {
            var header = await GitBlobStream.ReadHeaderAsync(git, blobId, cancellationToken);
            if (header is null)
            {
                await git.DisposeAsync();
                return null;
            }

            return new GitBlobStream(git, header.Value.Size, header.Value.Leftover);
        }
        catch
        {
            await git.DisposeAsync();
            throw;
        }
    }

    public async Task<byte[]?> ReadBlobAsync(string repoId, string blobId, int maxBytes, CancellationToken cancellationToken)
    {
        var gitDir = RequireRepository(repoId);
        GitNames.RequireObjectId(blobId, nameof(blobId));
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        await using var git = _git.Start(GitInvocation.Of(gitDir, "cat-file", "--batch"));
        var header = await GitBlobStream.ReadHeaderAsync(git, blobId, cancellationToken);
        if (header is null || header.Value.Size > maxBytes)
            return null; // disposing kills cat-file before it writes a large blob we do not want
        await using var stream = new GitBlobStream(git, header.Value.Size, header.Value.Leftover);
        var content = new byte[header.Value.Size];
        await stream.ReadExactlyAsync(content, cancellationToken);
        return content;
    }

    private static bool IsMissingObject(GitResult result) =>
        result.Error.Contains("Not a valid object name", StringComparison.Ordinal)
        || result.Error.Contains("not a tree object", StringComparison.Ordinal);

    /// <summary>Parses <c>ls-tree -z --long</c>: "&lt;mode&gt; &lt;type&gt; &lt;oid&gt; &lt;size|-&gt;\t&lt;path&gt;\0".</summary>
    private static IEnumerable<GitTreeEntry> ParseLsTree(string output, string prefix)
    {
        foreach (var record in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = record.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0)
                continue;
            var meta = record[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var path = prefix + record[(tab + 1)..];
            switch (meta[1])
            {
                case "blob":
                    yield return new GitTreeEntry(path, GitEntryKind.File, meta[2], long.Parse(meta[3], CultureInfo.InvariantCulture), meta[0]);
                    break;
                case "tree":
                    yield return new GitTreeEntry(path, GitEntryKind.Directory, meta[2], 0, meta[0]);
                    break;
                default:
                    // Submodules ("commit") have no content in this repository to list or download.
                    break;
            }
        }
    }
}
