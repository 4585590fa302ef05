using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Security;

/// <summary>Gated repositories: access requests, auto and manual approval, admin decisions, hf-api.md §1.5 codes.</summary>
[Collection(ProductionHubCollection.Name)]
public sealed class GatingTests(ProductionHub hub)
{
    private async Task<(string Repo, string OwnerToken)> GatedRepoAsync(string mode)
    {
        var (_, owner) = await hub.CreateUserAsync();
        var client = hub.Client(owner);
        var repo = await HubApi.CreateRepoAsync(client, "gated-" + Guid.NewGuid().ToString("N")[..8]);
        await HubApi.CommitOkAsync(client, repo, "weights", HubApi.File("config.json", Encoding.UTF8.GetBytes("{\"gated\": true}")));
        var settings = await client.PutAsJsonAsync($"api/models/{repo}/settings", new { gated = mode });
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        return (repo, owner);
    }

    [Fact]
    public async Task Auto_gated_repo_opens_to_a_user_once_they_ask()
    {
        var (repo, _) = await GatedRepoAsync("auto");
        var (_, user) = await hub.CreateUserAsync();
        var before = await hub.Client(user).GetAsync($"{repo}/resolve/main/config.json");
        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal("GatedRepo", before.Headers.GetValues("X-Error-Code").Single());
        var anonymous = await hub.Client().GetAsync($"{repo}/resolve/main/config.json");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("GatedRepo", anonymous.Headers.GetValues("X-Error-Code").Single());

        var ask = await hub.Client(user).PostAsync($"api/models/{repo}/ask-access", null);
        Assert.Equal("accepted", (await ask.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(user).GetAsync($"{repo}/resolve/main/config.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(user).GetAsync($"api/models/{repo}/auth-check")).StatusCode);
    }

    [Fact]
    public async Task Manual_gated_repo_waits_for_the_admin_who_lists_accepts_and_rejects()
    {
        var (repo, owner) = await GatedRepoAsync("manual");
        var (alice, aliceToken) = await hub.CreateUserAsync();
        var (bob, bobToken) = await hub.CreateUserAsync();
        foreach (var token in new[] { aliceToken, bobToken })
        {
            var ask = await hub.Client(token).PostAsJsonAsync($"api/models/{repo}/ask-access", new { reason = "research" });
            Assert.Equal("pending", (await ask.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Client(aliceToken).GetAsync($"{repo}/resolve/main/config.json")).StatusCode);

        var pending = (await hub.Client(owner).GetFromJsonAsync<JsonArray>($"api/models/{repo}/user-access-request/pending"))!;
        Assert.Equal(new[] { alice, bob }.Order(StringComparer.Ordinal), pending.Select(p => p!["user"]!["user"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(pending, p => Assert.Equal("research", p!["fields"]!["reason"]!.GetValue<string>()));
        Assert.All(pending, p => Assert.Matches(@"^\d{4}-\d\d-\d\dT", p!["timestamp"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.OK, (await hub.Client(owner).PostAsJsonAsync($"api/models/{repo}/user-access-request/handle", new { user = alice, status = "accepted" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(owner).PostAsJsonAsync($"api/models/{repo}/user-access-request/handle", new { user = bob, status = "rejected", rejectionReason = "no" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(aliceToken).GetAsync($"{repo}/resolve/main/config.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Client(bobToken).GetAsync($"{repo}/resolve/main/config.json")).StatusCode);
        // Asking again does not reopen a rejected request.
        var again = await hub.Client(bobToken).PostAsync($"api/models/{repo}/ask-access", null);
        Assert.Equal("rejected", (await again.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal([alice], (await hub.Client(owner).GetFromJsonAsync<JsonArray>($"api/models/{repo}/user-access-request/accepted"))!.Select(p => p!["user"]!["user"]!.GetValue<string>()));

        // Taking access back is immediate.
        await hub.Client(owner).PostAsJsonAsync($"api/models/{repo}/user-access-request/handle", new { user = alice, status = "pending" });
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Client(aliceToken).GetAsync($"{repo}/resolve/main/config.json")).StatusCode);
    }

    [Fact]
    public async Task Admin_grants_access_without_a_request_and_strangers_cannot_decide()
    {
        var (repo, owner) = await GatedRepoAsync("manual");
        var (carol, carolToken) = await hub.CreateUserAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Client(carolToken).PostAsJsonAsync($"api/models/{repo}/user-access-request/grant", new { user = carol })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Client(carolToken).GetAsync($"api/models/{repo}/user-access-request/pending")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client(owner).PostAsJsonAsync($"api/models/{repo}/user-access-request/handle", new { user = carol, status = "accepted" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(owner).PostAsJsonAsync($"api/models/{repo}/user-access-request/grant", new { user = carol })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(carolToken).GetAsync($"{repo}/resolve/main/config.json")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await hub.Client(owner).PostAsJsonAsync($"api/models/{repo}/user-access-request/handle", new { user = carol, status = "maybe" })).StatusCode);
    }

    [Fact]
    public async Task Asking_for_access_needs_a_signed_in_user_and_a_gated_repo()
    {
        var (repo, owner) = await GatedRepoAsync("auto");
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client().PostAsync($"api/models/{repo}/ask-access", null)).StatusCode);
        await hub.Client(owner).PutAsJsonAsync($"api/models/{repo}/settings", new { gated = false });
        Assert.Equal(HttpStatusCode.BadRequest, (await hub.Client(owner).PostAsync($"api/models/{repo}/ask-access", null)).StatusCode);
    }
}
