using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Discussions;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Discussions;

/// <summary>What commits do to pull requests: <c>create_pr</c> opens one, a commit to <c>refs/pr/N</c> joins N's timeline.</summary>
public sealed class PullRequestLog(IDiscussionStore store, TimeProvider time, ILogger<PullRequestLog> logger)
{
    /// <summary>Records pull request <paramref name="number"/>, just written at <c>refs/pr/N</c> (caller holds the numbering lock).</summary>
    public async Task OpenedAsync(
        RepositoryRecord repo, int number, string title, string description, string commitId, UserRecord author, string targetRef, CancellationToken ct)
    {
        var at = time.GetUtcNow();
        try
        {
            var pr = await store.CreateAsync(
                new NewDiscussion(repo.Id, number, true, Titles.Clip(title), DiscussionStatuses.Open, author.Id, description, targetRef, at), ct);
            await store.AddEventAsync(pr.Id, new NewDiscussionEvent(DiscussionEventTypes.Commit, author.Id, title, commitId, at), ct);
        }
        catch (DiscussionNumberTakenException e)
        {
            // Only a writer not holding the lock could get here; the ref stands, the pull request just has no record.
            logger.LogWarning(e, "Pull request {Number} of {Repo} was already recorded", number, repo.FullName);
        }
    }

    /// <summary>Adds a commit event to pull request <paramref name="number"/>; a draft becomes open with its first commit.</summary>
    public async Task CommittedAsync(RepositoryRecord repo, int number, string summary, string commitId, UserRecord author, CancellationToken ct)
    {
        var pr = await store.GetAsync(repo.Id, number, ct);
        if (pr is null || !pr.IsPullRequest) return; // a refs/pr/N pushed by git has no record
        var at = time.GetUtcNow();
        await store.AddEventAsync(pr.Id, new NewDiscussionEvent(DiscussionEventTypes.Commit, author.Id, summary, commitId, at), ct);
        if (pr.Status == DiscussionStatuses.Draft)
            await store.ChangeStatusAsync(pr.Id, [DiscussionStatuses.Draft], DiscussionStatuses.Open, author.Id, null, null, at, ct);
    }
}
