using Hub.Api.Auth;
using Hub.Api.Http;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Repositories;
using Hub.Storage.Metadata.Webhooks;

namespace Hub.Api.Features.Webhooks;

/// <summary>
/// Webhooks of the caller (huggingface.co's <c>/api/settings/webhooks</c>, huggingface_hub's <c>create_webhook</c>,
/// <c>list_webhooks</c>, <c>get_webhook</c>, <c>update_webhook</c>, <c>enable_webhook</c>, <c>disable_webhook</c>,
/// <c>delete_webhook</c>). Only repositories and namespaces the caller can see may be watched (others answer as if they
/// did not exist), and deliveries are checked again when they happen (<see cref="WebhookNotifier"/>).
/// </summary>
public static class WebhookEndpoints
{
    private const string Root = "/api/settings/webhooks";
    private const int MaxWatched = 100;

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Root, ListAsync);
        app.MapPost(Root, CreateAsync);
        app.MapGet(Root + "/{id}", GetAsync);
        app.MapPost(Root + "/{id}", UpdateAsync);
        app.MapDelete(Root + "/{id}", DeleteAsync);
        app.MapPost(Root + "/{id}/enable", (HttpContext c, string id, IWebhookStore s, CancellationToken ct) => SetDisabledAsync(c, id, false, s, ct));
        app.MapPost(Root + "/{id}/disable", (HttpContext c, string id, IWebhookStore s, CancellationToken ct) => SetDisabledAsync(c, id, true, s, ct));
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IWebhookStore store, CancellationToken ct)
    {
        if (context.GetCaller().User is not { } user) return HfErrors.Unauthorized();
        return TypedResults.Json((await store.ListAsync(user.Id, ct)).Select(Json));
    }

    private static async Task<IResult> GetAsync(HttpContext context, string id, IWebhookStore store, CancellationToken ct)
    {
        if (context.GetCaller().User is not { } user) return HfErrors.Unauthorized();
        return await store.GetAsync(id, ct) is { } webhook && webhook.OwnerUserId == user.Id
            ? TypedResults.Json(new { webhook = Json(webhook) })
            : NotFound(id);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, IWebhookStore store, IRepositoryStore repositories, IAccountStore accounts, RepoAuthorization authorization, TimeProvider time, CancellationToken ct)
    {
        if (Writer(context) is { } refused) return refused;
        var (body, error) = await JsonBody.ReadAsync<WebhookRequest>(context.Request, ct);
        if (error is not null) return error;
        if (await ValidateAsync(context, body!, repositories, accounts, authorization, ct) is { } invalid) return invalid;
        var webhook = await store.AddAsync(context.GetCaller().User!.Id, body!.Url!, Secret(body), body.Watched!, time.GetUtcNow(), ct);
        return TypedResults.Json(new { webhook = Json(webhook) });
    }

    private static async Task<IResult> UpdateAsync(
        HttpContext context, string id, IWebhookStore store, IRepositoryStore repositories, IAccountStore accounts, RepoAuthorization authorization, CancellationToken ct)
    {
        if (Writer(context) is { } refused) return refused;
        var (body, error) = await JsonBody.ReadAsync<WebhookRequest>(context.Request, ct);
        if (error is not null) return error;
        if (await ValidateAsync(context, body!, repositories, accounts, authorization, ct) is { } invalid) return invalid;
        var owner = context.GetCaller().User!.Id;
        if (!await store.UpdateAsync(id, owner, body!.Url!, Secret(body), body.Watched!, ct)) return NotFound(id);
        return TypedResults.Json(new { webhook = Json((await store.GetAsync(id, ct))!) });
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, IWebhookStore store, CancellationToken ct)
    {
        if (Writer(context) is { } refused) return refused;
        return await store.DeleteAsync(id, context.GetCaller().User!.Id, ct) ? TypedResults.Json(new { }) : NotFound(id);
    }

    private static async Task<IResult> SetDisabledAsync(HttpContext context, string id, bool disabled, IWebhookStore store, CancellationToken ct)
    {
        if (Writer(context) is { } refused) return refused;
        var owner = context.GetCaller().User!.Id;
        if (!await store.SetDisabledAsync(id, owner, disabled, ct)) return NotFound(id);
        return TypedResults.Json(new { webhook = Json((await store.GetAsync(id, ct))!) });
    }

    private static IResult? Writer(HttpContext context)
    {
        var caller = context.GetCaller();
        if (caller.User is null) return HfErrors.Unauthorized();
        return caller.CredentialAllowsWrite && !caller.IsFineGrained ? null : HfErrors.Forbidden("Managing webhooks needs a write token.");
    }

    private static async Task<IResult?> ValidateAsync(
        HttpContext context, WebhookRequest body, IRepositoryStore repositories, IAccountStore accounts, RepoAuthorization authorization, CancellationToken ct)
    {
        if (!Uri.TryCreate(body.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || body.Url!.Length > 2048)
            return HfErrors.BadRequest("'url' must be an absolute http or https URL of at most 2048 characters.");
        var allowLoopback = context.RequestServices.GetRequiredService<IConfiguration>().GetValue<bool>(WebhookTargets.AllowLoopbackSetting);
        if (System.Net.IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal) && WebhookTargets.IsForbidden(literal, allowLoopback))
            return HfErrors.BadRequest("'url' points at a loopback, link-local, multicast or unspecified address (the hub's own host, cloud metadata services); webhooks may not call it.");
        if (body.Watched is not { Count: > 0 and <= MaxWatched })
            return HfErrors.BadRequest($"'watched' must list 1 to {MaxWatched} items of {{type, name}}.");
        if (body.Secret is { Length: > 256 }) return HfErrors.BadRequest("'secret' is longer than 256 characters.");
        if (body.Domains?.Any(d => d is not ("repo" or "discussion")) == true) return HfErrors.BadRequest("'domains' may hold \"repo\" and \"discussion\".");
        var caller = context.GetCaller();
        foreach (var item in body.Watched)
        {
            switch (item.Type)
            {
                case "model" or "dataset" or "space":
                    var repo = item.Name is { Length: > 0 and <= 200 } ? await repositories.FindAsync(item.Type, item.Name, ct) : null;
                    if (repo is null || !(await authorization.GetAsync(caller, repo, ct)).CanSee)
                        return new HfError(404, $"Repository not found: {item.Type} {item.Name}.", "RepoNotFound");
                    break;
                case "user" or "org":
                    if (item.Name is not { Length: > 0 and <= 100 } || await accounts.FindNamespaceAsync(item.Name, ct) is null)
                        return new HfError(404, $"No {item.Type} named '{item.Name}'.");
                    break;
                default:
                    return HfErrors.BadRequest($"Unknown watched type '{item.Type}': use model, dataset, space, user or org.");
            }
        }
        return null;
    }

    private static string? Secret(WebhookRequest body) => string.IsNullOrEmpty(body.Secret) ? null : body.Secret;

    private static HfError NotFound(string id) => new(404, $"Webhook {id} not found.");

    private static object Json(WebhookRecord w) => new
    {
        id = w.Id,
        url = w.Url,
        watched = w.Watched.Select(i => new { type = i.Type, name = i.Name }),
        domains = new[] { "repo" },
        secret = w.Secret,
        disabled = w.Disabled,
    };
}
