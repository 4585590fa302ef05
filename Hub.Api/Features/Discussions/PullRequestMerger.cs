using Hub.Api.Features.Indexing;
using Hub.Api.Features.Operations;
using Hub.Api.Features.Repos;
using Hub.Api.Telemetry;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Discussions;

namespace Hub.Api.Features.Discussions;

/// <summary>
/// Merges an open pull request into its target branch: a fast-forward when the target has not moved past where the pull
/// request started, otherwise a merge commit computed by <c>git merge-tree</c> (409 with the paths when it conflicts).
/// The target moves under the same <c>commit:{repo}:{ref}</c> lock and compare-and-swap as API commits, and a merge to
/// the default branch is indexed as a commit there is.
/// </summary>
public sealed class PullRequestMerger(
    IDiscussionStore store, IGitRepositoryStore git, PullRequestGit prGit, ClusterLocks locks, RepoIndexer indexer, TimeProvider time)
{
    /// <summary>Merges pull request <paramref name="discussion"/>; returns the status-change event and the commit the target now holds.</summary>
    public async Task<(DiscussionEventRecord Event, string CommitId)> MergeAsync(
        RepoContext repo, DiscussionRecord discussion, string? comment, CancellationToken ct)
    {
        DiscussionService.Writer(repo, "merge pull requests");
        var author = repo.Caller.User!;
        if (!discussion.IsPullRequest) throw new DiscussionRejectedException(400, $"Discussion {discussion.Number} is not a pull request: there is nothing to merge.");
        if (discussion.Status != DiscussionStatuses.Open)
            throw new DiscussionRejectedException(400, discussion.Status == DiscussionStatuses.Draft
                ? $"Pull request {discussion.Number} is a draft: push a commit to refs/pr/{discussion.Number} first."
                : $"Pull request {discussion.Number} is {discussion.Status}: only open pull requests can be merged.");
        var repoId = repo.Repo.Id;
        var target = discussion.TargetRef ?? "refs/heads/" + repo.Repo.DefaultBranch;
        var head = (await git.ResolveAsync(repoId, $"refs/pr/{discussion.Number}", ct))?.CommitId
            ?? throw new DiscussionRejectedException(409, $"refs/pr/{discussion.Number} no longer exists: nothing to merge.");
        string merged, mergedInto;
        await using (await locks.AcquireAsync($"commit:{repoId}:{target}", ct))
        {
            var current = await git.ResolveAsync(repoId, target, ct);
            if (current?.RefName != target) throw new DiscussionRejectedException(409, $"The target branch {BranchName(target)} no longer exists.");
            var targetHead = mergedInto = current.CommitId;
            if (await prGit.IsAncestorAsync(repoId, head, targetHead, ct))
            {
                merged = targetHead; // everything the pull request holds is already there
            }
            else
            {
                if (await prGit.IsAncestorAsync(repoId, targetHead, head, ct))
                {
                    merged = head;
                }
                else
                {
                    var (tree, conflicts) = await prGit.MergeTreeAsync(repoId, targetHead, head, ct);
                    if (tree is null)
                        throw new DiscussionRejectedException(409,
                            $"Pull request {discussion.Number} conflicts with {BranchName(target)} in: {string.Join(", ", conflicts)}", conflicts);
                    var message = $"Merge pull request #{discussion.Number}: {discussion.Title}";
                    merged = await prGit.CommitTreeAsync(repoId, tree, [targetHead, head], message, CommitAuthors.For(author, time.GetUtcNow()), ct);
                    ApiTelemetry.Commits.Add(1);
                }
                try
                {
                    await git.UpdateRefAsync(repoId, target, merged, targetHead, ct);
                }
                catch (GitRefConflictException)
                {
                    // A git push moved the branch between our read and the swap (pushes do not take the lock).
                    throw new DiscussionRejectedException(409, $"{BranchName(target)} moved while merging; try again.");
                }
            }
        }
        if (target == "refs/heads/" + repo.Repo.DefaultBranch) await indexer.IndexAsync(repoId, CancellationToken.None);
        var change = await store.ChangeStatusAsync(
            discussion.Id, [DiscussionStatuses.Open], DiscussionStatuses.Merged, author.Id, comment?.Trim(), new DiscussionMerge(merged, mergedInto), time.GetUtcNow(), CancellationToken.None)
            ?? throw new DiscussionRejectedException(409, $"Pull request {discussion.Number} changed status while it was merged; its changes are in {BranchName(target)}.");
        return (change, merged);
    }

    /// <summary>The paths that would conflict if the pull request were merged now (empty when it merges cleanly).</summary>
    public async Task<IReadOnlyList<string>> ConflictsAsync(string repoId, DiscussionRecord pr, string head, CancellationToken ct)
    {
        if (pr.Status is not (DiscussionStatuses.Open or DiscussionStatuses.Draft) || pr.TargetRef is null) return [];
        var target = (await git.ResolveAsync(repoId, pr.TargetRef, ct))?.CommitId;
        if (target is null || await prGit.IsAncestorAsync(repoId, target, head, ct)) return [];
        return (await prGit.MergeTreeAsync(repoId, target, head, ct)).Conflicts;
    }

    private static string BranchName(string target) => target.StartsWith("refs/heads/", StringComparison.Ordinal) ? target[11..] : target;
}
