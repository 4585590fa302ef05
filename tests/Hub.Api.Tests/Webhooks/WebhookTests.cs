using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Webhooks;

/// <summary>
/// Webhooks (huggingface_hub's create/list/get/update/enable/disable/delete_webhook): repository events are posted to
/// the owner's URL with its secret, only for repositories the owner may read, in order.
/// </summary>
[Collection(ProductionHubCollection.Name)]
public sealed class WebhookTests(ProductionHub hub)
{
    private static readonly byte[] Text = "hello"u8.ToArray();

    private static async Task<string> CreateWebhookAsync(HttpClient client, string url, object[] watched, string? secret = null)
    {
        var created = await client.PostAsJsonAsync("api/settings/webhooks", new { url, watched, domains = new[] { "repo" }, secret });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["webhook"]!["id"]!.GetValue<string>();
    }

    private static async Task<string> CommitAsync(HttpClient client, string repo, string path)
    {
        var response = await HubApi.CommitAsync(client, repo, "change " + path, [HubApi.File(path, Text)]);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["commitOid"]!.GetValue<string>();
    }

    [Fact]
    public async Task Commits_and_settings_changes_of_a_watched_repo_are_posted_with_the_secret_and_stop_while_disabled()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, "hooked-" + Guid.NewGuid().ToString("N")[..8]);
        var id = await CreateWebhookAsync(client, receiver.Url, [new { type = "model", name = repo }], secret: "s3cret");

        var head = await CommitAsync(client, repo, "a.txt");
        var (secret, body) = await receiver.NextAsync();
        Assert.Equal("s3cret", secret);
        Assert.Equal("update", body["event"]!["action"]!.GetValue<string>());
        Assert.Equal("repo.content", body["event"]!["scope"]!.GetValue<string>());
        Assert.Equal(repo, body["repo"]!["name"]!.GetValue<string>());
        Assert.Equal("model", body["repo"]!["type"]!.GetValue<string>());
        Assert.Equal(head, body["repo"]!["headSha"]!.GetValue<string>());
        Assert.Equal($"{hub.Url}/{repo}", body["repo"]!["url"]!["web"]!.GetValue<string>());
        Assert.Equal(id, body["webhook"]!["id"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"api/settings/webhooks/{id}/disable", null)).StatusCode);
        await CommitAsync(client, repo, "while-disabled.txt");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"api/settings/webhooks/{id}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"api/models/{repo}/settings", new { @private = true })).StatusCode);
        // Deliveries come in order: the next one is the settings change, so nothing was sent while disabled.
        var (_, config) = await receiver.NextAsync();
        Assert.Equal("repo.config", config["event"]!["scope"]!.GetValue<string>());
        Assert.True(config["repo"]!["private"]!.GetValue<bool>());

        var listed = (await client.GetFromJsonAsync<JsonArray>("api/settings/webhooks"))!;
        var mine = Assert.Single(listed);
        Assert.Equal(receiver.Url, mine!["url"]!.GetValue<string>());
        Assert.False(mine["disabled"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"api/settings/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/settings/webhooks/{id}")).StatusCode);
    }

    [Fact]
    public async Task Watching_a_namespace_delivers_only_events_of_repositories_the_owner_may_read()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (ownerName, ownerToken) = await hub.CreateUserAsync();
        var (_, watcherToken) = await hub.CreateUserAsync();
        var owner = hub.Client(ownerToken);
        var watcher = hub.Client(watcherToken);
        var secretRepo = await HubApi.CreateRepoAsync(owner, "secret-" + Guid.NewGuid().ToString("N")[..8], isPrivate: true);
        var publicRepo = await HubApi.CreateRepoAsync(owner, "open-" + Guid.NewGuid().ToString("N")[..8]);

        // A private repository of someone else cannot be named at all.
        var refused = await watcher.PostAsJsonAsync("api/settings/webhooks", new { url = receiver.Url, watched = new[] { new { type = "model", name = secretRepo } } });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        await CreateWebhookAsync(watcher, receiver.Url, [new { type = "user", name = ownerName }]);

        await CommitAsync(owner, secretRepo, "hidden.txt");
        var visible = await CommitAsync(owner, publicRepo, "shown.txt");
        var (_, body) = await receiver.NextAsync();
        Assert.Equal(publicRepo, body["repo"]!["name"]!.GetValue<string>());
        Assert.Equal(visible, body["repo"]!["headSha"]!.GetValue<string>());
    }

    [Fact]
    public async Task Webhook_requests_are_checked_and_belong_to_their_owner()
    {
        var (_, token) = await hub.CreateUserAsync();
        var (_, other) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, "checked-" + Guid.NewGuid().ToString("N")[..8]);
        object[] watched = [new { type = "model", name = repo }];

        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client().PostAsJsonAsync("api/settings/webhooks", new { url = "http://example.com/h", watched })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("api/settings/webhooks", new { url = "ftp://example.com/h", watched })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("api/settings/webhooks", new { url = "http://example.com/h", watched = Array.Empty<object>() })).StatusCode);
        foreach (var metadata in new[] { "http://169.254.169.254/latest/meta-data", "http://[fe80::1]/h", "http://0.0.0.0/h" })
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("api/settings/webhooks", new { url = metadata, watched })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("api/settings/webhooks", new { url = "http://example.com/h", watched = new[] { new { type = "bucket", name = "x" } } })).StatusCode);
        var readToken = (await (await client.PostAsJsonAsync("api/settings/tokens", new { displayName = "r", role = "read" })).Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Client(readToken).PostAsJsonAsync("api/settings/webhooks", new { url = "http://example.com/h", watched })).StatusCode);

        var id = await CreateWebhookAsync(client, "http://example.com/h", watched);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client(other).GetAsync($"api/settings/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client(other).DeleteAsync($"api/settings/webhooks/{id}")).StatusCode);
        var updated = await client.PostAsJsonAsync($"api/settings/webhooks/{id}", new { url = "https://example.org/new", watched });
        Assert.Equal("https://example.org/new", (await updated.Content.ReadFromJsonAsync<JsonObject>())!["webhook"]!["url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"api/settings/webhooks/{id}")).StatusCode);
    }
}
