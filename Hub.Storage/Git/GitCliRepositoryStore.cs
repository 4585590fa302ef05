using System.Text;
using Microsoft.Extensions.Logging;

namespace Hub.Storage.Git;

/// <summary>
/// <see cref="IGitRepositoryStore"/> over bare repositories on disk, driven through the git CLI.
/// </summary>
/// <remarks>
/// Why the CLI and not LibGit2Sharp: smart HTTP has to run <c>git upload-pack</c>/<c>receive-pack</c> anyway, so using
/// the same binary for everything means one implementation of the object format, ref locking and packing reads and
/// writes these repositories (libgit2 lags git on features such as reftable, commit-graph and multi-pack-index, and
/// two implementations writing one repository is a risk of its own). There is no native library whose ABI must match
/// the container's glibc/OpenSSL, <c>update-ref &lt;ref&gt; &lt;new&gt; &lt;old&gt;</c> is an atomic compare-and-swap
/// under git's own ref lock, and <c>cat-file</c> streams blobs of any size. The cost is a process per command (about
/// 1.3 ms for a small plumbing command on the dev box: 200 <c>hash-object</c> runs took 292 ms, 50 <c>for-each-ref</c>
/// runs 66 ms), so hot paths use as few commands as possible: usually one per resolve, entry, tree listing or blob.
/// </remarks>
internal sealed partial class GitCliRepositoryStore : IGitRepositoryStore, IDisposable
{
    private readonly string _root;
    private readonly string _tempRoot;
    private readonly GitProcess _git;
    private readonly GitRefWriter _refs;
    private readonly GitCommitWriter _commits;
    private readonly ILogger<GitCliRepositoryStore> _logger;

    public GitCliRepositoryStore(string repoRoot, TimeProvider time, ILogger<GitCliRepositoryStore> logger)
    {
        _root = Path.GetFullPath(repoRoot);
        _logger = logger;
        // Temporary index files and git's (empty) HOME: a fresh directory only this user can read (0700), since the
        // indexes list the paths of private repositories.
        _tempRoot = Directory.CreateTempSubdirectory("hub-git-").FullName;
        Directory.CreateDirectory(_root);
        _git = new GitProcess(Path.Combine(_tempRoot, "home"), time, logger);
        _refs = new GitRefWriter(_git, logger);
        _commits = new GitCommitWriter(_git, _refs, _tempRoot, logger);
    }

    public string GetPath(string repoId)
    {
        GitNames.ValidateRepoId(repoId);
        return Path.Combine(_root, repoId[..2], repoId + ".git");
    }

    public bool Exists(string repoId) => Directory.Exists(GetPath(repoId));

    public async Task<string> CreateAsync(string repoId, GitSignature author, string message, IReadOnlyList<GitFileOperation> initialFiles, CancellationToken cancellationToken)
    {
        var path = GetPath(repoId);
        if (Directory.Exists(path))
            throw new GitRefConflictException($"The repository {repoId} already exists.");

        // Built under a temporary name and renamed into place: nobody (a clone, a resolve) ever sees a repository
        // without its initial commit, and a failed creation leaves nothing behind.
        var parent = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".creating-{repoId}-{Guid.NewGuid():N}");
        try
        {
            (await _git.RunAsync(
                GitInvocation.Of(null, "init", "--quiet", "--bare", "--template=", "--initial-branch=main", "--object-format=sha1", staging),
                cancellationToken)).EnsureSuccess();
            // Bare repositories default to no reflog; keep one for branches (who moved main, when) as a non-bare repo would.
            (await _git.RunAsync(GitInvocation.Of(staging, "config", "core.logAllRefUpdates", "true"), cancellationToken)).EnsureSuccess();
            var commitId = await _commits.CommitAsync(
                staging,
                new GitCommitRequest("refs/heads/main", null, null, author, message, initialFiles),
                cancellationToken);
            try
            {
                Directory.Move(staging, path);
            }
            catch (IOException) when (Directory.Exists(path))
            {
                throw new GitRefConflictException($"The repository {repoId} already exists.");
            }

            _logger.LogInformation("Created repository {RepoId} with initial commit {CommitId}", repoId, commitId);
            return commitId;
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    public async Task DeleteAsync(string repoId, CancellationToken cancellationToken)
    {
        var path = GetPath(repoId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!Directory.Exists(path))
            return;
        // Renamed away first so the repository disappears at once, whole, even if removing the files takes a while.
        var doomed = Path.Combine(Path.GetDirectoryName(path)!, $".deleting-{repoId}-{Guid.NewGuid():N}");
        try
        {
            Directory.Move(path, doomed);
        }
        catch (DirectoryNotFoundException)
        {
            return; // deleted concurrently
        }

        // Not cancellable: once renamed away the files are garbage either way. Off the request thread: it may be large.
        await Task.Run(() => Directory.Delete(doomed, recursive: true), CancellationToken.None);
        _logger.LogInformation("Deleted repository {RepoId}", repoId);
    }

    public async Task<string> CommitAsync(string repoId, GitCommitRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await _commits.CommitAsync(RequireRepository(repoId), request, cancellationToken);
    }

    public async Task UpdateRefAsync(string repoId, string refName, string newId, string? expectedOldId, CancellationToken cancellationToken)
    {
        var gitDir = RequireRepository(repoId);
        GitNames.ValidateRefName(refName, nameof(refName));
        GitNames.RequireObjectId(newId, nameof(newId));
        if (expectedOldId is not null)
            GitNames.RequireObjectId(expectedOldId, nameof(expectedOldId));
        cancellationToken.ThrowIfCancellationRequested();
        await _refs.UpdateAsync(gitDir, refName, newId, expectedOldId, "hub: update");
    }

    public async Task DeleteRefAsync(string repoId, string refName, string? expectedOldId, CancellationToken cancellationToken)
    {
        var gitDir = RequireRepository(repoId);
        GitNames.ValidateRefName(refName, nameof(refName));
        if (expectedOldId is not null)
            GitNames.RequireObjectId(expectedOldId, nameof(expectedOldId));
        cancellationToken.ThrowIfCancellationRequested();
        await _refs.DeleteAsync(gitDir, refName, expectedOldId, "hub: delete");
    }

    public async Task CreateTagAsync(string repoId, string name, string targetId, string? message, GitSignature tagger, CancellationToken cancellationToken)
    {
        var gitDir = RequireRepository(repoId);
        ArgumentNullException.ThrowIfNull(name);
        var refName = "refs/tags/" + name;
        GitNames.ValidateRefName(refName, nameof(name));
        GitNames.RequireObjectId(targetId, nameof(targetId));
        ArgumentNullException.ThrowIfNull(tagger);
        GitCommitWriter.ValidateIdent(tagger.Name, "name", allowEmpty: false);
        GitCommitWriter.ValidateIdent(tagger.Email, "email", allowEmpty: true);
        var body = message is null or "" ? string.Empty : GitCommitWriter.NormalizeMessage(message);
        var date = GitLogFormat.FormatDate(tagger.When)[1..]; // "unix +hhmm": a tag object carries the raw form
        var tagObject = $"object {targetId}\ntype commit\ntag {name}\ntagger {tagger.Name} <{tagger.Email}> {date}\n\n{body}";

        // mktag checks the object as strictly as fsck does (and that the target exists and is a commit).
        var result = await _git.RunAsync(
            new GitInvocation(gitDir, ["mktag"]) { Input = (stdin, ct) => stdin.WriteAsync(Encoding.UTF8.GetBytes(tagObject), ct).AsTask() },
            cancellationToken);
        if (!result.Succeeded)
            throw new ArgumentException($"Cannot tag {targetId}: {result.Error.Trim()}", nameof(targetId));
        await _refs.UpdateAsync(gitDir, refName, result.FirstLine, null, "hub: tag");
    }

    public async Task<IReadOnlyList<string>> FsckAsync(string repoId, CancellationToken cancellationToken)
    {
        var gitDir = RequireRepository(repoId);
        // Dangling objects are not problems: a commit that lost a ref race leaves some until gc prunes them.
        var result = await _git.RunAsync(GitInvocation.Of(gitDir, "fsck", "--full", "--strict", "--no-dangling", "--no-progress"), cancellationToken);
        var problems = (result.OutputText + "\n" + result.Error)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
        if (!result.Succeeded && problems.Count == 0)
            problems.Add($"git fsck exited with {result.ExitCode}");
        return problems;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_tempRoot, recursive: true);
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "Could not remove the temporary directory {Directory}", _tempRoot);
        }
    }

    /// <summary>The repository's directory; a clear error instead of git's "not a git repository" when it is missing.</summary>
    private string RequireRepository(string repoId)
    {
        var path = GetPath(repoId);
        return Directory.Exists(path)
            ? path
            : throw new GitRepositoryNotFoundException($"The repository {repoId} does not exist.");
    }
}
