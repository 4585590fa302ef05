using System.Text.Json;
using System.Threading.Channels;
using Hub.Api.Auth;
using Hub.Api.Http;
using Hub.Storage.Metadata.Accounts;
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
    public async Task RepoChangedAsync(HttpContext context, RepositoryRecord repo, string action, string scope, CancellationToken cancellationToken)
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
                var body = JsonSerializer.SerializeToUtf8Bytes(new
                {
                    @event = new { action, scope },
                    repo = new
                    {
                        type = repo.Type,
                        name = repo.FullName,
                        id = repo.Id,
                        @private = repo.Private,
                        url = new { web, api = $"{urls.Base(context)}/api/{RepoTypes.ApiSegment(repo.Type)}/{repo.FullName}" },
                        headSha = repo.HeadCommit,
                    },
                    webhook = new { id = webhook.Id, version = 3 },
                });
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
