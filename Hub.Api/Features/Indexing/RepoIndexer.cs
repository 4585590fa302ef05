using Hub.Api.Features.Operations;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Repositories;
using Hub.Storage.Metadata.Revisions;

namespace Hub.Api.Features.Indexing;

/// <summary>
/// Re-indexes a repository's default branch after every commit or push: head, last modified, card metadata, config,
/// weight headers, tags, search words; the same figures are kept per commit for <c>/revision/{sha}</c>. Runs of one
/// repository are serialised so a slower, older run never overwrites a newer one: each run reads the head under the
/// lock, so the last run to finish saw the latest head. The lock is a <see cref="ClusterLocks">cluster lock</see>, so
/// this holds when the commits arrive at different hub processes.
/// </summary>
/// <remarks>
/// Per-revision figures are stored rows, not an in-memory cache: a commit's files never change, so a row written once
/// is right forever, every hub process sees it, and <c>/revision/{sha}</c> of a sharded model in S3 costs one row read
/// instead of ranged GETs. Commits that were never a default-branch head (other branches, old commits) are indexed on
/// their first request and stored the same way.
/// </remarks>
public sealed class RepoIndexer(
    IGitRepositoryStore git, IRepositoryStore repos, IRevisionIndexStore revisions, RevisionIndexer indexer, ClusterLocks locks, ILogger<RepoIndexer> logger)
{
    public async Task IndexAsync(string repoId, CancellationToken cancellationToken)
    {
        try
        {
            await using var held = await locks.AcquireAsync("index:" + repoId, cancellationToken);
            var repo = await repos.GetAsync(repoId, cancellationToken);
            if (repo is null) return;
            var head = await git.ResolveAsync(repoId, "refs/heads/" + repo.DefaultBranch, cancellationToken);
            if (head is null) return;
            var index = await indexer.IndexAsync(repo, head.CommitId, cancellationToken);
            if (index.IndexedData["cardError"] is { } error)
                logger.LogInformation("README.md metadata of repository {RepoId} is invalid: {Error}", repoId, error.ToString());
            await revisions.PutAsync(ToRecord(repoId, index), cancellationToken);
            await repos.UpdateIndexAsync(repoId, new RepositoryIndexUpdate(
                head.CommitId,
                index.LastModified,
                index.CardData?.ToJsonString(),
                index.PipelineTag,
                index.LibraryName,
                index.IndexedData.Count == 0 ? null : index.IndexedData.ToJsonString(),
                index.Tags,
                index.SearchText), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Indexing never fails the commit or push that triggered it; the next one indexes again.
            logger.LogWarning(e, "Indexing repository {RepoId} failed", repoId);
        }
    }

    /// <summary>The index of any commit of the repository: stored, or computed now and stored.</summary>
    public async Task<RevisionIndexRecord> GetRevisionAsync(RepositoryRecord repo, string commitId, CancellationToken cancellationToken)
    {
        if (await revisions.GetAsync(repo.Id, commitId, cancellationToken) is { } stored) return stored;
        var record = ToRecord(repo.Id, await indexer.IndexAsync(repo, commitId, cancellationToken));
        await revisions.PutAsync(record, cancellationToken);
        return record;
    }

    private static RevisionIndexRecord ToRecord(string repoId, RevisionIndex index) => new(
        repoId,
        index.CommitId,
        index.LastModified,
        index.CardData?.ToJsonString(),
        index.PipelineTag,
        index.LibraryName,
        index.IndexedData.Count == 0 ? null : index.IndexedData.ToJsonString(),
        index.Tags);
}
