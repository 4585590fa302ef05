using Hub.Storage.Git;
using Hub.Storage.Metadata.Repositories;
using Microsoft.Extensions.Caching.Memory;

namespace Hub.Api.Features.Files;

/// <summary>
/// The hot path of downloads: "{revision}/{path}" to a commit and a tree entry without a git process per request.
/// The default branch resolves to the indexed head, which every commit and push updates before it answers (and which
/// every hub process reads from the shared database); tree entries are cached per commit — a commit never changes,
/// so the cache needs no invalidation, across processes too. Files of a commit whose full list <see cref="RepoFiles"/>
/// holds are answered from that list.
/// </summary>
public sealed class RevisionPaths(IGitRepositoryStore git, RepoFiles files) : IDisposable
{
    private static readonly object Missing = new();
    /// <summary>Small files (config.json, tokenizer configs, READMEs) are most downloads; their bytes are cached by blob id.</summary>
    public const int CachedBlobLimit = 256 * 1024;

    private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = 200_000 });
    private readonly MemoryCache blobs = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });

    public async Task<(GitResolvedRevision Revision, string Path)?> SplitAsync(RepositoryRecord repo, string revisionAndPath, CancellationToken ct)
    {
        var branch = repo.DefaultBranch;
        if (repo.HeadCommit is { } head && (revisionAndPath == branch || revisionAndPath.StartsWith(branch + "/", StringComparison.Ordinal)))
        {
            // git allows no ref below refs/heads/{branch}/ while the branch exists, so "{branch}/x" can only mean path x.
            return (new GitResolvedRevision(head, "refs/heads/" + branch), revisionAndPath.Length > branch.Length ? revisionAndPath[(branch.Length + 1)..] : "");
        }
        try
        {
            return await git.ResolveWithPathAsync(repo.Id, revisionAndPath, ct);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The entry at <paramref name="path"/> of a commit, or null when there is none or the path is invalid.</summary>
    public async Task<GitTreeEntry?> GetEntryAsync(string repoId, string commitId, string path, CancellationToken ct)
    {
        if (path.Length == 0) return null;
        var key = (repoId, commitId, path);
        if (entries.TryGetValue(key, out var cached)) return cached as GitTreeEntry;
        // A file of a commit whose list is cached (the indexer lists every new head): no git process for a fresh commit.
        if (files.FindCachedFile(repoId, commitId, path) is { } listed) return listed;
        GitTreeEntry? entry;
        try
        {
            entry = await git.GetEntryAsync(repoId, commitId, path, ct);
        }
        catch (GitPathException)
        {
            entry = null;
        }
        entries.Set(key, (object?)entry ?? Missing, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return entry;
    }

    /// <summary>Opens a blob: small ones from memory (blob ids name immutable content), large ones streamed from git.</summary>
    public async Task<Stream> OpenBlobAsync(string repoId, GitTreeEntry entry, CancellationToken ct)
    {
        if (entry.Size > CachedBlobLimit)
            return await git.OpenBlobAsync(repoId, entry.ObjectId, ct) ?? Stream.Null;
        if (!blobs.TryGetValue(entry.ObjectId, out byte[]? bytes) || bytes is null)
        {
            bytes = await git.ReadBlobAsync(repoId, entry.ObjectId, CachedBlobLimit, ct) ?? [];
            blobs.Set(entry.ObjectId, bytes, new MemoryCacheEntryOptions { Size = Math.Max(1, bytes.Length), SlidingExpiration = TimeSpan.FromMinutes(30) });
        }
        return new MemoryStream(bytes, writable: false);
    }

    public void Dispose()
    {
        entries.Dispose();
        blobs.Dispose();
    }
}
