using System.Text.Json.Nodes;
using Hub.Api.Features.Repos;
using Hub.Api.Features.Webhooks;
using Hub.Api.Http;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Audit;
using Hub.Storage.Metadata.Discussions;

namespace Hub.Api.Features.Discussions;

/// <summary>
/// <c>/api/{type}s/{ns}/{name}/discussions[/{num}[/comment|/status|/title|/merge|/comment/{id}/edit|hide]]</c> as
/// huggingface_hub's HfApi calls them. Every route finds the repository through <see cref="RepoLookup"/>, so a private
/// repository answers as a missing one to those who cannot see it.
/// </summary>
public static class DiscussionEndpoints
{
    /// <summary>huggingface.co's page size for the discussion list.</summary>
    public const int PageSize = 50;

    private const string Base = "/api/{segment:regex(^(models|datasets|spaces)$)}/{ns}/{name}/discussions";
    private const string One = Base + "/{num:int}";

    public static IEndpointRouteBuilder MapDiscussionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Base, ListAsync);
        app.MapPost(Base, CreateAsync);
        app.MapGet(One, DetailsAsync);
        app.MapPost(One + "/comment", (HttpContext c, string segment, string ns, string name, int num, RepoLookup l, DiscussionService s, CancellationToken ct) =>
            RunAsync<DiscussionRequests.Comment>(c, segment, ns, name, l, null, async (repo, body) =>
                new JsonObject { ["newMessage"] = DiscussionJson.Event(await AnnounceAsync(c, repo, num, "create", "discussion.comment", await s.CommentAsync(repo, num, body.Text, ct))) }, ct));
        app.MapPost(One + "/comment/{commentId}/edit", (HttpContext c, string segment, string ns, string name, int num, string commentId, RepoLookup l, DiscussionService s, CancellationToken ct) =>
            RunAsync<DiscussionRequests.Edit>(c, segment, ns, name, l, null, async (repo, body) =>
                new JsonObject { ["updatedComment"] = DiscussionJson.Event(await AnnounceAsync(c, repo, num, "update", "discussion.comment", await s.EditCommentAsync(repo, num, commentId, body.Content, ct))) }, ct));
        app.MapPost(One + "/comment/{commentId}/hide", (HttpContext c, string segment, string ns, string name, int num, string commentId, RepoLookup l, DiscussionService s, CancellationToken ct) =>
            RunAsync(c, segment, ns, name, l, new DiscussionRequests.Comment(null), async (repo, _) =>
                new JsonObject { ["updatedComment"] = DiscussionJson.Event(await AnnounceAsync(c, repo, num, "update", "discussion.comment", await s.HideCommentAsync(repo, num, commentId, ct))) }, ct));
        app.MapPost(One + "/status", (HttpContext c, string segment, string ns, string name, int num, RepoLookup l, DiscussionService s, CancellationToken ct) =>
            RunAsync<DiscussionRequests.Status>(c, segment, ns, name, l, null, async (repo, body) =>
                new JsonObject { ["newStatus"] = DiscussionJson.Event(await AnnounceAsync(c, repo, num, "update", "discussion", await s.ChangeStatusAsync(repo, num, body.Value, body.Comment, ct))) }, ct));
        app.MapPost(One + "/title", (HttpContext c, string segment, string ns, string name, int num, RepoLookup l, DiscussionService s, CancellationToken ct) =>
            RunAsync<DiscussionRequests.Title>(c, segment, ns, name, l, null, async (repo, body) =>
                new JsonObject { ["newTitle"] = DiscussionJson.Event(await AnnounceAsync(c, repo, num, "update", "discussion", await s.RenameAsync(repo, num, body.Value, ct))) }, ct));
        app.MapPost(One + "/merge", MergeAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, string segment, string ns, string name, RepoLookup lookup, IDiscussionStore store, IAccountStore accounts, CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.See, ct);
        if (error is not null) return error;
        var query = context.Request.Query;
        // huggingface_hub sends type/status/author; discussion_type/discussion_status are its argument names, accepted too.
        var type = query["type"].FirstOrDefault() ?? query["discussion_type"].FirstOrDefault();
        if (type is not (null or "" or "all" or "pull_request" or "discussion")) return HfErrors.BadRequest("type must be all, discussion or pull_request.");
        bool? pullRequests = type switch
        {
            "pull_request" => true,
            "discussion" => false,
            _ => null,
        };
        var status = query["status"].FirstOrDefault() ?? query["discussion_status"].FirstOrDefault();
        IReadOnlyCollection<string>? statuses = status switch
        {
            null or "" or "all" => null,
            // huggingface_hub offers open and closed: a draft counts as open, a merged pull request as closed.
            DiscussionStatuses.Open => [DiscussionStatuses.Open, DiscussionStatuses.Draft],
            DiscussionStatuses.Closed => [DiscussionStatuses.Closed, DiscussionStatuses.Merged],
            DiscussionStatuses.Merged or DiscussionStatuses.Draft => [status],
            _ => null,
        };
        if (status is not (null or "" or "all") && statuses is null) return HfErrors.BadRequest("status must be all, open, closed, merged or draft.");
        var page = int.TryParse(query["p"].FirstOrDefault(), out var p) && p > 0 ? p : 0;
        var repo = found!.Repo;
        long? authorId = null;
        if (query["author"].FirstOrDefault() is { Length: > 0 } authorName)
        {
            var author = await accounts.FindUserAsync(authorName, ct);
            if (author is null) return TypedResults.Json(new { discussions = Array.Empty<object>(), count = 0, start = page * PageSize, numClosedDiscussions = 0 });
            authorId = author.Id;
        }
        var result = await store.ListAsync(new DiscussionQuery(repo.Id, pullRequests, statuses, authorId, page * PageSize, PageSize), ct);
        return TypedResults.Json(new JsonObject
        {
            ["discussions"] = new JsonArray(result.Items.Select(d => (JsonNode)DiscussionJson.Summary(d, repo)).ToArray()),
            ["count"] = result.Count,
            ["start"] = page * PageSize,
            ["numClosedDiscussions"] = result.Closed,
        });
    }

    private static async Task<IResult> DetailsAsync(
        HttpContext context, string segment, string ns, string name, int num, RepoLookup lookup, DiscussionService discussions, IDiscussionStore store,
        IGitRepositoryStore git, PullRequestGit prGit, PullRequestMerger merger, CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.See, ct);
        if (error is not null) return error;
        try
        {
            var d = await discussions.GetAsync(found!, num, ct);
            var json = DiscussionJson.Summary(d, found!.Repo);
            var events = await store.ListEventsAsync(d.Id, ct);
            json["events"] = new JsonArray(events.Select(e => (JsonNode)DiscussionJson.Event(e)).ToArray());
            if (!d.IsPullRequest) return TypedResults.Json(json);
            var changes = new JsonObject { ["base"] = d.TargetRef };
            if (d.MergeCommitId is not null) changes["mergeCommitId"] = d.MergeCommitId;
            json["changes"] = changes;
            var head = (await git.ResolveAsync(found.Repo.Id, $"refs/pr/{d.Number}", ct))?.CommitId;
            var conflicts = head is null ? [] : await merger.ConflictsAsync(found.Repo.Id, d, head, ct);
            json["filesWithConflicts"] = new JsonArray(conflicts.Select(c => (JsonNode)JsonValue.Create(c)).ToArray());
            // The diff shows file contents: gated repositories show it only to those who may read files.
            // A merged pull request shows what it brought to the target as it was then.
            var diffBase = d.Status == DiscussionStatuses.Merged
                ? events.LastOrDefault(e => e is { Type: DiscussionEventTypes.StatusChange, Content: DiscussionStatuses.Merged })?.Detail
                : d.TargetRef is null ? null : (await git.ResolveAsync(found.Repo.Id, d.TargetRef, ct))?.CommitId;
            if (HfJson.ParseBool(context.Request.Query["diff"].FirstOrDefault()) == true && found.Permissions.CanReadFiles && head is not null && diffBase is not null)
                json["diff"] = await prGit.DiffAsync(found.Repo.Id, diffBase, head, ct);
            return TypedResults.Json(json);
        }
        catch (DiscussionRejectedException e)
        {
            return ToError(e);
        }
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, string segment, string ns, string name, RepoLookup lookup, DiscussionService discussions, CancellationToken ct) =>
        await RunAsync<DiscussionRequests.Create>(context, segment, ns, name, lookup, null, async (repo, body) =>
        {
            var d = await discussions.CreateAsync(repo, body.Title ?? "", body.Description, body.PullRequest == true, ct);
            var json = DiscussionJson.Summary(d, repo.Repo);
            json["pullRequest"] = d.IsPullRequest;
            await context.RequestServices.GetRequiredService<WebhookNotifier>().DiscussionChangedAsync(context, repo.Repo, d, "create", "discussion", null, CancellationToken.None);
            return json;
        }, ct);

    private static async Task<IResult> MergeAsync(
        HttpContext context, string segment, string ns, string name, int num, RepoLookup lookup, DiscussionService discussions, PullRequestMerger merger,
        IAuditLog audit, WebhookNotifier webhooks, TimeProvider time, CancellationToken ct) =>
        await RunAsync(context, segment, ns, name, lookup, new DiscussionRequests.Comment(null), async (repo, body) =>
        {
            var d = await discussions.GetAsync(repo, num, ct);
            var (change, commit) = await merger.MergeAsync(repo, d, body.Text, ct);
            await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), repo.Caller.User!.Id, "repo.commit", $"{repo.Repo.Type}:{repo.Repo.FullName}", commit,
                context.Connection.RemoteIpAddress?.ToString()), ct);
            await webhooks.RepoChangedAsync(context, repo.Repo, "update", "repo.content", CancellationToken.None);
            await AnnounceAsync(context, repo, num, "update", "discussion", change);
            return new JsonObject { ["newStatus"] = DiscussionJson.Event(change), ["mergeCommitId"] = commit };
        }, ct);

    /// <summary>Finds the repository (seen by the caller), reads the body (<paramref name="absent"/>: optional) and runs the change.</summary>
    private static async Task<IResult> RunAsync<T>(
        HttpContext context, string segment, string ns, string name, RepoLookup lookup, T? absent, Func<RepoContext, T, Task<JsonObject>> change, CancellationToken ct)
        where T : class
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.See, ct);
        if (error is not null) return error;
        var (body, bodyError) = absent is null ? await JsonBody.ReadAsync<T>(context.Request, ct) : await JsonBody.ReadOptionalAsync(context.Request, absent, ct);
        if (bodyError is not null) return bodyError;
        try
        {
            return TypedResults.Json(await change(found!, body!));
        }
        catch (DiscussionRejectedException e)
        {
            return ToError(e);
        }
    }

    /// <summary>
    /// Tells webhooks of a change that succeeded (<paramref name="happened"/>, passed through): the discussion as it is
    /// now, and for <c>discussion.comment</c> the comment. A discussion gone meanwhile is not announced.
    /// </summary>
    private static async Task<DiscussionEventRecord> AnnounceAsync(
        HttpContext context, RepoContext repo, int num, string action, string scope, DiscussionEventRecord happened)
    {
        try
        {
            var d = await context.RequestServices.GetRequiredService<DiscussionService>().GetAsync(repo, num, CancellationToken.None);
            await context.RequestServices.GetRequiredService<WebhookNotifier>().DiscussionChangedAsync(
                context, repo.Repo, d, action, scope, scope == "discussion.comment" ? happened : null, CancellationToken.None);
        }
        catch (DiscussionRejectedException)
        {
        }
        return happened;
    }

    private static IResult ToError(DiscussionRejectedException e) =>
        e.Conflicts.Count == 0 ? new HfError(e.StatusCode, e.Message) : new ConflictError(e.Message, e.Conflicts);
}
