using System.Text.Json;
using System.Threading.Channels;
using Hub.Api.Auth;
using Hub.Api.Http;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Discussions;
using Hub.Storage.Metadata.Repositories;
using Hub.Storage.Metadata.Webhooks;

namespace Hub.Api.Features.Webhooks;

/// <summary>
/// Turns a repository change into webhook deliveries (huggingface.co's payload, version 3): every enabled webhook that
/// watches the repository or its namespace gets it, provided its owner may read the repository <em>now</em> (the one
/// policy, <see cref="RepoAuthorization"/>): an owner who lost access stops hearing of a private repository at once.
/// Deliveries are queued; <see cref="WebhookSender"/> posts them, so the change that caused them never waits.
/// </summary>
public sealed class WebhookNotifier(
    IWebhookStore webhooks, IAccountStore accounts, IRepositoryStore repositories, RepoAuthorization authorization, PublicUrls urls, ILogger<WebhookNotifier> logger)
{
    private readonly Channel<WebhookDelivery> queue = Channel.CreateBounded<WebhookDelivery>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    public ChannelReader<WebhookDelivery> Queue => queue.Reader;

    /// <summary>Announces <paramref name="action"/> (<c>create</c>, <c>update</c>, <c>delete</c>) of <paramref name="scope"/> (<c>repo</c>, <c>repo.content</c>, <c>repo.config</c>).</summary>
    public Task RepoChangedAsync(HttpContext context, RepositoryRecord repo, string action, string scope, CancellationToken cancellationToken) =>
        NotifyAsync(context, repo, action, scope, null, cancellationToken);

    /// <summary>
    /// Announces a discussion or pull request change (<c>discussion</c>: created, status or title changed, merged;
    /// <c>discussion.comment</c>: a comment posted, edited or hidden), with huggingface.co's <c>discussion</c> and
    /// <c>comment</c> objects beside the repository.
    /// </summary>
    public Task DiscussionChangedAsync(
        HttpContext context, RepositoryRecord repo, DiscussionRecord discussion, string action, string scope, DiscussionEventRecord? comment,
        CancellationToken cancellationToken)
    {
        var web = $"{urls.Repo(context, repo.Type, repo.FullName)}/discussions/{discussion.Number}";
        var extra = new Dictionary<string, object?>
        {
            ["discussion"] = new
            {
                id = discussion.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                num = discussion.Number,
                title = discussion.Title,
                status = discussion.Status,
                isPullRequest = discussion.IsPullRequest,
                author = new { id = discussion.AuthorId?.ToString(System.Globalization.CultureInfo.InvariantCulture), name = discussion.AuthorName },
                url = new { web, api = $"{urls.Base(context)}/api/{RepoTypes.ApiSegment(repo.Type)}/{repo.FullName}/discussions/{discussion.Number}" },
                changes = discussion.IsPullRequest ? new { @base = discussion.TargetRef, mergeCommitId = discussion.MergeCommitId } : null,
            },
        };
        if (comment is not null)
        {
            var id = comment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            extra["comment"] = new
            {
                id,
                author = new { id = comment.AuthorId?.ToString(System.Globalization.CultureInfo.InvariantCulture), name = comment.AuthorName },
                content = comment.Hidden ? "" : comment.Content,
                hidden = comment.Hidden,
                url = new { web = $"{web}#{id}" },
            };
        }
        return NotifyAsync(context, repo, action, scope, extra, cancellationToken);
    }

    private async Task NotifyAsync(
        HttpContext context, RepositoryRecord repo, string action, string scope, Dictionary<string, object?>? extra, CancellationToken cancellationToken)
    {
        try
        {
            // The state after the change (new head, visibility), except for a deleted repository.
            if (action != "delete") repo = await repositories.GetAsync(repo.Id, cancellationToken) ?? repo;
            foreach (var webhook in await webhooks.WatchingAsync(repo.Type, repo.FullName, cancellationToken))
            {
                if (await accounts.GetUserAsync(webhook.OwnerUserId, cancellationToken) is not { } owner) continue;
                // After a delete the repository is gone: its watchers had read access a moment ago if it was public or theirs.
                var permissions = await authorization.GetAsync(HubCaller.FromSession(owner), repo, cancellationToken);
                if (!permissions.CanReadFiles) continue;
                var web = urls.Repo(context, repo.Type, repo.FullName);
                var payload = new Dictionary<string, object?>
                {
                    ["event"] = new { action, scope },
                    ["repo"] = new
                    {
                        type = repo.Type,
                        name = repo.FullName,
                        id = repo.Id,
                        @private = repo.Private,
                        url = new { web, api = $"{urls.Base(context)}/api/{RepoTypes.ApiSegment(repo.Type)}/{repo.FullName}" },
                        headSha = repo.HeadCommit,
                    },
                };
                foreach (var (key, value) in extra ?? []) payload[key] = value;
                payload["webhook"] = new { id = webhook.Id, version = 3 };
                var body = JsonSerializer.SerializeToUtf8Bytes(payload);
                queue.Writer.TryWrite(new WebhookDelivery(webhook.Id, webhook.Url, webhook.Secret, body));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A webhook must never fail the change it reports.
            logger.LogWarning(e, "Could not queue webhooks for {Repo}", repo.FullName);
        }
    }
}
