namespace Hub.Storage.Git;

/// <summary>
/// Bare git repositories on disk, addressed by the repository's stable id (never its name, so renames touch only metadata).
/// </summary>
/// <remarks>
/// Path rules: a repository lives at <c>{RepoRoot}/{id[0:2]}/{id}.git</c> (SHA-1 object format, default branch <c>main</c>).
/// Paths inside a repository are '/'-separated, relative, without empty, <c>.</c> or <c>..</c> segments, and never
/// inside <c>.git/</c>; anything else is refused with <see cref="GitPathException"/>. Revisions are branch or tag names
/// (with slashes), full ref names (<c>refs/heads/x</c>, <c>refs/tags/x</c>, <c>refs/pr/N</c>, <c>refs/convert/x</c>),
/// <c>HEAD</c>, or full/short (≥ 5 hex) commit ids. Ref updates are compare-and-swap: of two writers expecting the same
/// old value one wins and the other gets <see cref="GitRefConflictException"/>; no partial commit is ever visible.
/// </remarks>
public interface IGitRepositoryStore
{
    /// <summary>The directory of the bare repository (for git smart HTTP), whether or not it exists.</summary>
    string GetPath(string repoId);

    /// <summary>True when the repository exists on disk.</summary>
    bool Exists(string repoId);

    /// <summary>
    /// Creates the bare repository with one initial commit on <c>main</c> holding <paramref name="initialFiles"/>
    /// (usually <see cref="GitDefaults.GitAttributesFile"/>); returns that commit id. The repository appears whole or not
    /// at all; <see cref="GitRefConflictException"/> when it already exists.
    /// </summary>
    Task<string> CreateAsync(string repoId, GitSignature author, string message, IReadOnlyList<GitFileOperation> initialFiles, CancellationToken cancellationToken);

    /// <summary>Deletes the repository directory; no error when it does not exist.</summary>
    Task DeleteAsync(string repoId, CancellationToken cancellationToken);

    /// <summary>All refs (branches, tags, pull requests, converts) with the commit each points to (tags peeled).</summary>
    Task<IReadOnlyList<GitRef>> ListRefsAsync(string repoId, CancellationToken cancellationToken);

    /// <summary>Resolves a revision to a commit, or null when it names nothing.</summary>
    Task<GitResolvedRevision?> ResolveAsync(string repoId, string revision, CancellationToken cancellationToken);

    /// <summary>
    /// Splits "<c>{revision}/{path}</c>" where the revision itself may contain slashes (<c>refs/pr/1/dir/file</c>,
    /// <c>feature/x/file</c>): the longest prefix that resolves wins. Null when no prefix resolves.
    /// </summary>
    Task<(GitResolvedRevision Revision, string Path)?> ResolveWithPathAsync(string repoId, string revisionAndPath, CancellationToken cancellationToken);

    /// <summary>
    /// Entries under <paramref name="path"/> ("" = root) at <paramref name="commitId"/>, sorted by path; recursive listings
    /// include directories. Pages with <paramref name="cursor"/> (the last path of the previous page). Throws
    /// <see cref="GitEntryNotFoundException"/> when <paramref name="path"/> is not a directory.
    /// </summary>
    Task<GitTreePage> ListTreeAsync(string repoId, string commitId, string path, bool recursive, string? cursor, int limit, CancellationToken cancellationToken);

    /// <summary>The entry (file or directory) at <paramref name="path"/>, or null.</summary>
    Task<GitTreeEntry?> GetEntryAsync(string repoId, string commitId, string path, CancellationToken cancellationToken);

    /// <summary>Opens a blob by its object id for streaming (its <c>Length</c> is the blob size); the caller disposes the stream. Null when it does not exist.</summary>
    Task<Stream?> OpenBlobAsync(string repoId, string blobId, CancellationToken cancellationToken);

    /// <summary>Reads a whole small blob (at most <paramref name="maxBytes"/>) or null when it does not exist or is larger.</summary>
    Task<byte[]?> ReadBlobAsync(string repoId, string blobId, int maxBytes, CancellationToken cancellationToken);

    /// <summary>Commits reachable from <paramref name="commitId"/>, newest first, optionally only those touching <paramref name="path"/>.</summary>
    Task<GitCommitPage> ListCommitsAsync(string repoId, string commitId, string? path, int skip, int limit, CancellationToken cancellationToken);

    /// <summary>One commit, or null.</summary>
    Task<GitCommit?> GetCommitAsync(string repoId, string commitId, CancellationToken cancellationToken);

    /// <summary>The last commit at or before <paramref name="commitId"/> that touched each of <paramref name="paths"/>.</summary>
    Task<IReadOnlyDictionary<string, GitCommit>> GetLastCommitsAsync(string repoId, string commitId, IReadOnlyCollection<string> paths, CancellationToken cancellationToken);

    /// <summary>
    /// Writes one commit from <paramref name="request"/>'s operations (applied in order) on top of its parent and moves
    /// the ref with compare-and-swap. Throws <see cref="GitRefConflictException"/> when the ref moved meanwhile,
    /// <see cref="GitEntryNotFoundException"/> for a delete of a missing path, <see cref="GitPathException"/> for a bad path.
    /// </summary>
    Task<string> CommitAsync(string repoId, GitCommitRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Points <paramref name="refName"/> at <paramref name="newId"/> if it currently holds <paramref name="expectedOldId"/>
    /// (null: the ref must not exist). Throws <see cref="GitRefConflictException"/> otherwise.
    /// </summary>
    Task UpdateRefAsync(string repoId, string refName, string newId, string? expectedOldId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes <paramref name="refName"/> if it holds <paramref name="expectedOldId"/> (null: whatever it holds, and no
    /// error when it does not exist). Throws <see cref="GitRefConflictException"/> when it holds something else or is gone.
    /// </summary>
    Task DeleteRefAsync(string repoId, string refName, string? expectedOldId, CancellationToken cancellationToken);

    /// <summary>Creates an annotated tag object for <paramref name="targetId"/> and the ref <c>refs/tags/{name}</c> (must not exist).</summary>
    Task CreateTagAsync(string repoId, string name, string targetId, string? message, GitSignature tagger, CancellationToken cancellationToken);

    /// <summary>Runs <c>git fsck</c>; returns its problems (empty when the repository is sound).</summary>
    Task<IReadOnlyList<string>> FsckAsync(string repoId, CancellationToken cancellationToken);
}
