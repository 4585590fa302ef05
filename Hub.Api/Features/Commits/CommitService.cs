using System.Text;
using Hub.Api.Features.Discussions;
using Hub.Api.Features.Files;
using Hub.Api.Features.Indexing;
using Hub.Api.Features.Lfs;
using Hub.Api.Features.Operations;
using Hub.Api.Features.Repos;
using Hub.Api.Features.Scanning;
using Hub.Api.Telemetry;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Commits;

/// <summary>
/// Writes one git commit from HTTP commit operations: LFS objects checked first, <c>.gitattributes</c> extended so
/// every LFS path is tracked, then a compare-and-swap ref update (412 when the branch moved past a given parent; an
/// internal retry otherwise), then re-indexing.
/// </summary>
public sealed partial class CommitService(
    IGitRepositoryStore git, RepoFiles files, LfsUploads uploads, RepoIndexer indexer, IRepoScanner scanner, ClusterLocks locks, TimeProvider time,
    DiscussionNumbers numbers, PullRequestLog pullRequests, ILogger<CommitService> logger)
{
    private const int Retries = 5;
    public const string StaleParent = "The branch was updated since you opened this page. Please refresh and try again.";

    public async Task<CommitOutcome> CommitAsync(
        RepositoryRecord repo, string branch, CommitHeader header, IReadOnlyList<CommitOperation> operations, UserRecord author, bool createPr,
        CancellationToken ct)
    {
        foreach (var lfs in operations.OfType<CommitLfsFile>())
        {
            if (!Storage.Blobs.BlobKeys.IsSha256(lfs.Oid)) throw new CommitRejectedException(400, $"{lfs.Path}: oid must be 64 lower-case hex characters.");
            try
            {
                await uploads.EnsureCommittableAsync(repo.Id, lfs.Oid, lfs.Size, ct);
            }
            catch (LfsUploadException e)
            {
                throw new CommitRejectedException(400, $"{lfs.Path}: {e.Message}");
            }
        }
        await scanner.CheckCommitAsync(repo, operations, ct);
        var message = header.Description.Length > 0 ? $"{header.Summary}\n\n{header.Description}" : header.Summary;
        if (message.Trim().Length == 0) message = "Update files";
        // A branch name, its full ref, or an open pull request (huggingface_hub's upload_file(..., revision="refs/pr/1")
        // adds commits to PR 1).
        var refName = branch.StartsWith("refs/heads/", StringComparison.Ordinal) || PullRequestRef().IsMatch(branch) ? branch : "refs/heads/" + branch;
        if (createPr && !refName.StartsWith("refs/heads/", StringComparison.Ordinal))
            throw new CommitRejectedException(400, $"A pull request is opened against a branch, not {branch}: commit to it directly.");
        // Without a parent or a pull request the branch is read once, under the lock below (a git process saved).
        GitResolvedRevision? head = null;
        if (header.ParentCommit is not null || createPr)
        {
            head = await git.ResolveAsync(repo.Id, refName, ct);
            if (head?.RefName != refName) throw new CommitRejectedException(404, $"Invalid rev id: {branch}", "RevisionNotFound");
        }
        string? parent = null;
        if (header.ParentCommit is { } given)
        {
            parent = (await git.ResolveAsync(repo.Id, given, ct))?.CommitId
                ?? throw new CommitRejectedException(404, $"Invalid rev id: {given}", "RevisionNotFound");
            if (!createPr && parent != head!.CommitId) throw new CommitRejectedException(412, StaleParent);
        }
        var signature = CommitAuthors.For(author, time.GetUtcNow());
        if (createPr)
        {
            var baseCommit = parent ?? head!.CommitId;
            var ops = await ToGitOperationsAsync(repo.Id, baseCommit, operations, ct);
            // Pull requests of one repository are numbered one at a time (concurrent create_pr calls all took the same
            // number and all but one failed with a 500); a number taken meanwhile by a push moves on to the next.
            await using (await locks.AcquireAsync(DiscussionNumbers.LockName(repo.Id), ct))
            {
                for (var attempt = 1; ; attempt++)
                {
                    var number = await numbers.NextAsync(repo.Id, ct);
                    try
                    {
                        var id = await WriteAsync(repo.Id, new GitCommitRequest($"refs/pr/{number}", baseCommit, null, signature, message, ops), ct);
                        await pullRequests.OpenedAsync(repo, number, message.Split('\n', 2)[0], header.Description, id, author, refName, CancellationToken.None);
                        return new CommitOutcome(id, number);
                    }
                    catch (GitRefConflictException) when (attempt < Retries)
                    {
                        logger.LogDebug("Pull request {Number} of {Repo} was taken meanwhile; trying the next", number, repo.FullName);
                    }
                }
            }
        }
        string written;
        // Commits to one branch take turns across every hub process, so under load they queue instead of losing the
        // compare-and-swap to each other over and over. git pushes do not take the lock; the CAS still guards them.
        await using (await locks.AcquireAsync($"commit:{repo.Id}:{refName}", ct))
        {
            if (parent is null)
            {
                head = await git.ResolveAsync(repo.Id, refName, ct);
                if (head?.RefName != refName) throw new CommitRejectedException(404, $"Invalid rev id: {branch}", "RevisionNotFound");
            }
            for (var attempt = 1; ; attempt++)
            {
                var ops = await ToGitOperationsAsync(repo.Id, head!.CommitId, operations, ct);
                try
                {
                    written = await WriteAsync(repo.Id, new GitCommitRequest(refName, head.CommitId, head.CommitId, signature, message, ops), ct);
                    break;
                }
                catch (GitRefConflictException) when (parent is null && attempt < Retries)
                {
                    // No parent was promised: rebase the operations on the new head and try again.
                    head = await git.ResolveAsync(repo.Id, refName, ct) ?? throw new CommitRejectedException(404, $"Invalid rev id: {branch}", "RevisionNotFound");
                    logger.LogDebug("Branch {Branch} of {Repo} moved during a commit; retrying on {Head}", branch, repo.FullName, head.CommitId);
                }
                catch (GitRefConflictException)
                {
                    throw new CommitRejectedException(412, StaleParent);
                }
            }
        }
        if (refName == "refs/heads/" + repo.DefaultBranch) await indexer.IndexAsync(repo.Id, CancellationToken.None);
        else if (refName.StartsWith("refs/pr/", StringComparison.Ordinal))
            await pullRequests.CommittedAsync(repo, int.Parse(refName[8..], System.Globalization.CultureInfo.InvariantCulture), message.Split('\n', 2)[0], written, author, CancellationToken.None);
        return new CommitOutcome(written, null);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^refs/pr/[1-9][0-9]{0,8}\z")]
    private static partial System.Text.RegularExpressions.Regex PullRequestRef();

    private async Task<string> WriteAsync(string repoId, GitCommitRequest request, CancellationToken ct)
    {
        try
        {
            var id = await git.CommitAsync(repoId, request, ct);
            ApiTelemetry.Commits.Add(1);
            return id;
        }
        catch (GitPathException e)
        {
            throw new CommitRejectedException(422, e.Message);
        }
        catch (GitEntryNotFoundException e)
        {
            throw new CommitRejectedException(404, e.Message, "EntryNotFound");
        }
    }

    /// <summary>Maps operations to git, adding <c>.gitattributes</c> rules for LFS paths no rule covers yet.</summary>
    private async Task<IReadOnlyList<GitFileOperation>> ToGitOperationsAsync(string repoId, string baseCommit, IReadOnlyList<CommitOperation> operations, CancellationToken ct)
    {
        var result = new List<GitFileOperation>();
        var attributesText = operations.OfType<CommitFile>().LastOrDefault(f => f.Path == ".gitattributes") is { } added
            ? Encoding.UTF8.GetString(added.Content)
            : await files.ReadTextAsync(repoId, baseCommit, ".gitattributes", ct);
        var attributes = new GitAttributes(attributesText);
        var missing = new List<string>();
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case CommitFile file:
                    result.Add(new GitAddFile(file.Path, file.Content));
                    break;
                case CommitLfsFile lfs:
                    var size = lfs.Size ?? (await uploads.SizeOfAsync(lfs.Oid, ct));
                    result.Add(new GitAddFile(lfs.Path, Encoding.UTF8.GetBytes(LfsPointer.Format(lfs.Oid, size))));
                    if (!attributes.IsLfs(lfs.Path) && !missing.Contains(lfs.Path)) missing.Add(lfs.Path);
                    break;
                case CommitDeletedFile deleted:
                    result.Add(new GitDeleteFile(deleted.Path));
                    break;
                case CommitDeletedFolder folder:
                    result.Add(new GitDeleteFolder(folder.Path));
                    break;
            }
        }
        if (missing.Count > 0)
        {
            var text = (attributesText ?? "").TrimEnd('\n');
            var extended = (text.Length > 0 ? text + "\n" : "") + string.Join("\n", missing.Select(GitAttributes.LfsLine)) + "\n";
            result.RemoveAll(o => o is GitAddFile { Path: ".gitattributes" });
            result.Add(new GitAddFile(".gitattributes", Encoding.UTF8.GetBytes(extended)));
        }
        return result;
    }
}
