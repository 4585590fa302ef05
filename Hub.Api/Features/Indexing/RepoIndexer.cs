using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Indexing;

/// <summary>
/// Re-indexes a repository's default branch after every commit or push: head, last modified, card metadata, tags.
/// Runs of one repository are serialised so a slower, older run never overwrites a newer one: each run reads the head
/// under the lock, so the last run to finish saw the latest head.
/// </summary>
public sealed class RepoIndexer(IGitRepositoryStore git, IRepositoryStore repos, ILogger<RepoIndexer> logger)
{
    private const int MaxReadmeBytes = 1024 * 1024;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);

    public async Task IndexAsync(string repoId, CancellationToken cancellationToken)
    {
        var gate = locks.GetOrAdd(repoId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var repo = await repos.GetAsync(repoId, cancellationToken);
            if (repo is null) return;
            var head = await git.ResolveAsync(repoId, "refs/heads/" + repo.DefaultBranch, cancellationToken);
            if (head is null) return;
            var commit = await git.GetCommitAsync(repoId, head.CommitId, cancellationToken);
            var card = await ReadCardAsync(repoId, head.CommitId, cancellationToken);
            var pipelineTag = card?["pipeline_tag"]?.ToString();
            var libraryName = card?["library_name"]?.ToString();
            var update = new RepositoryIndexUpdate(
                head.CommitId,
                commit?.Committer.When ?? repo.LastModified,
                card?.ToJsonString(),
                pipelineTag,
                libraryName,
                repo.IndexedData,
                RepoTags.Derive(card, pipelineTag, libraryName));
            await repos.UpdateIndexAsync(repoId, update, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<JsonObject?> ReadCardAsync(string repoId, string commitId, CancellationToken cancellationToken)
    {
        var entry = await git.GetEntryAsync(repoId, commitId, "README.md", cancellationToken);
        if (entry is not { Kind: GitEntryKind.File }) return null;
        var bytes = await git.ReadBlobAsync(repoId, entry.ObjectId, MaxReadmeBytes, cancellationToken);
        if (bytes is null) return null;
        var yaml = CardFrontMatter.Extract(Encoding.UTF8.GetString(bytes));
        if (yaml is null) return null;
        var (data, error) = CardFrontMatter.Parse(yaml);
        if (error is not null)
            logger.LogInformation("README.md metadata of repository {RepoId} is invalid: {Error}", repoId, error);
        return data;
    }
}
