using System.Collections.Concurrent;
using Hub.Storage.Git;

namespace Hub.Api.Features.Files;

/// <summary>
/// Reads files of a repository revision and recognises LFS pointers. Pointer parses are cached by blob id: blobs are
/// immutable, and listings of large repos would otherwise read every small blob again on each request.
/// </summary>
public sealed class RepoFiles(IGitRepositoryStore git)
{
    private const int CacheLimit = 100_000;
    private readonly ConcurrentDictionary<string, LfsPointer?> pointers = new(StringComparer.Ordinal);

    public async Task<RepoFileEntry> DescribeAsync(string repoId, GitTreeEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Kind != GitEntryKind.File || entry.Size > LfsPointer.MaxPointerSize || entry.Size < 100)
            return new RepoFileEntry(entry, null);
        if (!pointers.TryGetValue(entry.ObjectId, out var pointer))
        {
            var bytes = await git.ReadBlobAsync(repoId, entry.ObjectId, LfsPointer.MaxPointerSize, cancellationToken);
            pointer = bytes is null ? null : LfsPointer.TryParse(bytes);
            if (pointers.Count >= CacheLimit) pointers.Clear();
            pointers[entry.ObjectId] = pointer;
        }
        return new RepoFileEntry(entry, pointer);
    }

    public async Task<IReadOnlyList<RepoFileEntry>> DescribeAsync(string repoId, IEnumerable<GitTreeEntry> entries, CancellationToken cancellationToken)
    {
        var result = new List<RepoFileEntry>();
        foreach (var entry in entries)
            result.Add(await DescribeAsync(repoId, entry, cancellationToken));
        return result;
    }

    /// <summary>A small text file (.gitattributes, .gitignore, README.md) at a commit, or null when absent or larger than 1 MiB.</summary>
    public async Task<string?> ReadTextAsync(string repoId, string commitId, string path, CancellationToken cancellationToken)
    {
        var entry = await git.GetEntryAsync(repoId, commitId, path, cancellationToken);
        if (entry is not { Kind: GitEntryKind.File }) return null;
        var bytes = await git.ReadBlobAsync(repoId, entry.ObjectId, 1024 * 1024, cancellationToken);
        return bytes is null ? null : System.Text.Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Every file of a revision (for siblings and indexing), in path order.</summary>
    public async Task<IReadOnlyList<RepoFileEntry>> ListAllFilesAsync(string repoId, string commitId, CancellationToken cancellationToken)
    {
        var files = new List<GitTreeEntry>();
        string? cursor = null;
        do
        {
            var page = await git.ListTreeAsync(repoId, commitId, "", recursive: true, cursor, 5000, cancellationToken);
            files.AddRange(page.Entries.Where(e => e.Kind == GitEntryKind.File));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return await DescribeAsync(repoId, files, cancellationToken);
    }
}
