using Hub.Api.Features.Operations;
using Hub.Api.Features.Repos;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Discussions;

namespace Hub.Api.Features.Discussions;

/// <summary>
/// Discussions and pull requests of a repository the caller can see (<see cref="RepoLookup"/> decided that): who may do
/// what, numbering, and the timeline. Merging is <see cref="PullRequestMerger"/>'s.
/// </summary>
public sealed class DiscussionService(
    IDiscussionStore store, IGitRepositoryStore git, DiscussionNumbers numbers, ClusterLocks locks, TimeProvider time)
{
    private const int Retries = 5;

    /// <summary>The discussion, or a 404 that says which number is unknown.</summary>
    public async Task<DiscussionRecord> GetAsync(RepoContext repo, int number, CancellationToken ct) =>
        await store.GetAsync(repo.Repo.Id, number, ct) ?? throw new DiscussionRejectedException(404, $"Discussion {number} not found in {repo.Repo.FullName}.");

    /// <summary>Opens a discussion, or a draft pull request at <c>refs/pr/N</c> pointing at the default branch head.</summary>
    public async Task<DiscussionRecord> CreateAsync(RepoContext repo, string title, string? description, bool pullRequest, CancellationToken ct)
    {
        var author = Participant(repo);
        if (Titles.Check(title) is { } problem) throw new DiscussionRejectedException(400, problem);
        var target = "refs/heads/" + repo.Repo.DefaultBranch;
        await using (await locks.AcquireAsync(DiscussionNumbers.LockName(repo.Repo.Id), ct))
        {
            for (var attempt = 1; ; attempt++)
            {
                var number = await numbers.NextAsync(repo.Repo.Id, ct);
                try
                {
                    if (pullRequest)
                    {
                        var head = await git.ResolveAsync(repo.Repo.Id, target, ct)
                            ?? throw new DiscussionRejectedException(400, $"The default branch {repo.Repo.DefaultBranch} does not exist: nothing to open a pull request against.");
                        await git.UpdateRefAsync(repo.Repo.Id, $"refs/pr/{number}", head.CommitId, null, ct);
                    }
                    return await store.CreateAsync(new NewDiscussion(
                        repo.Repo.Id, number, pullRequest, title.Trim(), pullRequest ? DiscussionStatuses.Draft : DiscussionStatuses.Open, author.Id,
                        description?.Trim(), pullRequest ? target : null, time.GetUtcNow()), ct);
                }
                catch (Exception e) when (e is GitRefConflictException or DiscussionNumberTakenException && attempt < Retries)
                {
                    // A push took the number meanwhile: the next one.
                }
            }
        }
    }

    public async Task<DiscussionEventRecord> CommentAsync(RepoContext repo, int number, string? text, CancellationToken ct)
    {
        var author = Participant(repo);
        if (string.IsNullOrWhiteSpace(text)) throw new DiscussionRejectedException(400, "The comment is empty.");
        var discussion = await GetAsync(repo, number, ct);
        return await store.AddEventAsync(discussion.Id, new NewDiscussionEvent(DiscussionEventTypes.Comment, author.Id, text, null, time.GetUtcNow()), ct);
    }

    /// <summary>Only the comment's author edits it; a hidden comment stays as it is.</summary>
    public async Task<DiscussionEventRecord> EditCommentAsync(RepoContext repo, int number, string commentId, string? content, CancellationToken ct)
    {
        var author = Participant(repo);
        if (string.IsNullOrWhiteSpace(content)) throw new DiscussionRejectedException(400, "The comment is empty.");
        var (discussion, comment) = await CommentOfAsync(repo, number, commentId, ct);
        if (comment.AuthorId != author.Id) throw new DiscussionRejectedException(403, "Only the author of a comment can edit it.");
        if (comment.Hidden) throw new DiscussionRejectedException(403, "A hidden comment cannot be edited.");
        return await store.UpdateCommentAsync(discussion.Id, comment.Id, content, false, time.GetUtcNow(), ct)
            ?? throw new DiscussionRejectedException(404, $"Comment {commentId} not found.");
    }

    /// <summary>Writers hide comments; hiding cannot be undone.</summary>
    public async Task<DiscussionEventRecord> HideCommentAsync(RepoContext repo, int number, string commentId, CancellationToken ct)
    {
        Writer(repo, "hide comments");
        var (discussion, comment) = await CommentOfAsync(repo, number, commentId, ct);
        return await store.UpdateCommentAsync(discussion.Id, comment.Id, null, true, time.GetUtcNow(), ct)
            ?? throw new DiscussionRejectedException(404, $"Comment {commentId} not found.");
    }

    /// <summary>Closes or reopens; the author or a writer may. Merged pull requests stay merged.</summary>
    public async Task<DiscussionEventRecord> ChangeStatusAsync(RepoContext repo, int number, string? status, string? comment, CancellationToken ct)
    {
        var author = Participant(repo);
        if (status is not (DiscussionStatuses.Open or DiscussionStatuses.Closed))
            throw new DiscussionRejectedException(400, "The status must be \"open\" or \"closed\".");
        var discussion = await GetAsync(repo, number, ct);
        AuthorOrWriter(repo, discussion, "change the status of");
        if (discussion.Status == DiscussionStatuses.Merged) throw new DiscussionRejectedException(400, "This pull request is merged: its status cannot change.");
        if (discussion.Status == status || status == DiscussionStatuses.Open && discussion.Status == DiscussionStatuses.Draft)
            throw new DiscussionRejectedException(400, $"This {Kind(discussion)} is already {discussion.Status}.");
        string[] from = status == DiscussionStatuses.Closed ? [DiscussionStatuses.Open, DiscussionStatuses.Draft] : [DiscussionStatuses.Closed];
        return await store.ChangeStatusAsync(discussion.Id, from, status, author.Id, comment?.Trim(), null, time.GetUtcNow(), ct)
            ?? throw new DiscussionRejectedException(409, $"This {Kind(discussion)} changed meanwhile; reload it and try again.");
    }

    public async Task<DiscussionEventRecord> RenameAsync(RepoContext repo, int number, string? title, CancellationToken ct)
    {
        var author = Participant(repo);
        if (Titles.Check(title) is { } problem) throw new DiscussionRejectedException(400, problem);
        var discussion = await GetAsync(repo, number, ct);
        AuthorOrWriter(repo, discussion, "rename");
        return await store.RenameAsync(discussion.Id, title!.Trim(), author.Id, time.GetUtcNow(), ct);
    }

    /// <summary>Signed in with a credential that may change things (read tokens may not).</summary>
    public static UserRecord Participant(RepoContext repo) => repo.Caller switch
    {
        { User: null } => throw new DiscussionRejectedException(401, "You must be authenticated to take part in discussions."),
        { CredentialAllowsWrite: false } when !repo.Permissions.CanWrite =>
            throw new DiscussionRejectedException(403, "This is a read token: it cannot take part in discussions. Use a write token."),
        _ => repo.Caller.User,
    };

    public static void Writer(RepoContext repo, string what)
    {
        Participant(repo);
        if (!repo.Permissions.CanWrite) throw new DiscussionRejectedException(403, $"You don't have the rights to {what} in this repository.");
    }

    private static void AuthorOrWriter(RepoContext repo, DiscussionRecord discussion, string what)
    {
        if (!repo.Permissions.CanWrite && discussion.AuthorId != repo.Caller.User?.Id)
            throw new DiscussionRejectedException(403, $"Only its author or a writer of the repository can {what} this {Kind(discussion)}.");
    }

    private async Task<(DiscussionRecord Discussion, DiscussionEventRecord Comment)> CommentOfAsync(RepoContext repo, int number, string commentId, CancellationToken ct)
    {
        var discussion = await GetAsync(repo, number, ct);
        var id = DiscussionJson.ParseEventId(commentId);
        var comment = id is { } i ? await store.GetEventAsync(discussion.Id, i, ct) : null;
        return comment is { Type: DiscussionEventTypes.Comment }
            ? (discussion, comment)
            : throw new DiscussionRejectedException(404, $"Comment {commentId} not found in discussion {number}.");
    }

    private static string Kind(DiscussionRecord d) => d.IsPullRequest ? "pull request" : "discussion";
}
