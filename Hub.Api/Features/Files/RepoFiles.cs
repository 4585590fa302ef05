using System.Collections.Concurrent;
using Hub.Storage.Git;
using Microsoft.Extensions.Caching.Memory;

namespace Hub.Api.Features.Files;

/// <summary>
/// Reads files of a repository revision and recognises LFS pointers. Everything cached here is keyed by an immutable git
/// id, so no entry ever needs invalidating, in this process or any other: pointer parses and small text files by blob
/// id (listings of large repos would otherwise read every small blob again on each request), and the full file list of
/// a commit by commit id (repo info's siblings, indexing, and the <c>.gitattributes</c> lookup of the next commit all
/// read the list the indexer just made, instead of a git process each).
/// </summary>
public sealed class RepoFiles(IGitRepositoryStore git) : IDisposable
{
    private const int CacheLimit = 100_000;
    private const int CachedTextLimit = 64 * 1024;
    private readonly ConcurrentDictionary<string, LfsPointer?> pointers = new(StringComparer.Ordinal);
    // Sized in entries (one per file of a listing, at least one per listing) and in bytes for texts.
    private readonly MemoryCache listings = new(new MemoryCacheOptions { SizeLimit = 500_000 });
    private readonly MemoryCache texts = new(new MemoryCacheOptions { SizeLimit = 16L * 1024 * 1024 });

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
        GitTreeEntry? entry;
        if (Cached(repoId, commitId) is { } listed)
        {
            // The list holds every file of the commit: a path it lacks is no file there.
            entry = listed.ByPath.GetValueOrDefault(path);
        }
        else
        {
            entry = await git.GetEntryAsync(repoId, commitId, path, cancellationToken);
        }
        if (entry is not { Kind: GitEntryKind.File }) return null;
        return await ReadBlobTextAsync(repoId, entry.ObjectId, 1024 * 1024, cancellationToken);
    }

    /// <summary>A blob as UTF-8 text, or null when missing or larger than <paramref name="maxBytes"/>; small ones are cached by blob id.</summary>
    public async Task<string?> ReadBlobTextAsync(string repoId, string blobId, int maxBytes, CancellationToken cancellationToken)
    {
        if (texts.TryGetValue(blobId, out string? cached) && cached is not null) return cached;
        var bytes = await git.ReadBlobAsync(repoId, blobId, maxBytes, cancellationToken);
        if (bytes is null) return null;
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        if (bytes.Length <= CachedTextLimit)
            texts.Set(blobId, text, new MemoryCacheEntryOptions { Size = Math.Max(1, bytes.Length), SlidingExpiration = TimeSpan.FromMinutes(30) });
        return text;
    }

    /// <summary>Every file of a revision (for siblings and indexing), in path order. Callers must not change the list.</summary>
    public async Task<IReadOnlyList<RepoFileEntry>> ListAllFilesAsync(string repoId, string commitId, CancellationToken cancellationToken)
    {
        if (Cached(repoId, commitId) is { } cached) return cached.Files;
        var files = new List<GitTreeEntry>();
        string? cursor = null;
        do
        {
            var page = await git.ListTreeAsync(repoId, commitId, "", recursive: true, cursor, 5000, cancellationToken);
            files.AddRange(page.Entries.Where(e => e.Kind == GitEntryKind.File));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        var described = await DescribeAsync(repoId, files, cancellationToken);
        var byPath = new Dictionary<string, GitTreeEntry>(described.Count, StringComparer.Ordinal);
        foreach (var file in described) byPath[file.Entry.Path] = file.Entry;
        listings.Set((repoId, commitId), new Listing(described, byPath), new MemoryCacheEntryOptions { Size = Math.Max(1, described.Count), SlidingExpiration = TimeSpan.FromMinutes(10) });
        return described;
    }

    /// <summary>The file of a commit at <paramref name="path"/> when that commit's list is cached; null when unknown here.</summary>
    public GitTreeEntry? FindCachedFile(string repoId, string commitId, string path) =>
        Cached(repoId, commitId)?.ByPath.GetValueOrDefault(path);

    private Listing? Cached(string repoId, string commitId) =>
        listings.TryGetValue((repoId, commitId), out Listing? listing) ? listing : null;

    private sealed record Listing(IReadOnlyList<RepoFileEntry> Files, Dictionary<string, GitTreeEntry> ByPath);

    public void Dispose()
    {
        listings.Dispose();
        texts.Dispose();
    }
}
