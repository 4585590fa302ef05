using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Security;

/// <summary>
/// A read token changes nothing, even where its user holds every right: each state-changing route answers 403 (or the
/// route's refusal) and the repository, the account and its access requests are as before.
/// </summary>
[Collection(ProductionHubCollection.Name)]
public sealed class ReadTokenWritesNothingTests(ProductionHub hub)
{
    public static TheoryData<string, string, string?> Writes() => new()
    {
        { "POST", "api/models/{r}/tag/main", "{\"tag\":\"v1\"}" },
        { "DELETE", "api/models/{r}/tag/keep", null },
        { "POST", "api/models/{r}/branch/b1", null },
        { "DELETE", "api/models/{r}/branch/dev", null },
        { "POST", "api/models/{r}/like", null },
        { "POST", "api/repos/move", "{\"fromRepo\":\"{r}\",\"toRepo\":\"{o}/moved\",\"type\":\"model\"}" },
        { "POST", "api/repos/create", "{\"name\":\"made-by-read\",\"type\":\"model\"}" },
        { "POST", "api/organizations/new", "{\"name\":\"orgbyread{n}\"}" },
        { "POST", "api/settings/tokens", "{\"displayName\":\"x\",\"role\":\"write\"}" },
        { "POST", "api/settings/webhooks", "{\"url\":\"http://example.com/h\",\"watched\":[{\"type\":\"model\",\"name\":\"{r}\"}]}" },
        { "POST", "api/models/{r}/preupload/main", "{\"files\":[{\"path\":\"a.txt\",\"size\":1,\"sample\":\"YQ==\"}]}" },
        { "POST", "api/models/{r}/super-squash/main", null },
        { "POST", "api/admin/gc", "{}" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_read_token_of_the_owner_is_refused(string method, string template, string? body)
    {
        var (owner, writeToken) = await hub.CreateUserAsync();
        var reader = hub.Client(await NewReadTokenAsync(writeToken));
        var repo = await HubApi.CreateRepoAsync(hub.Client(writeToken), "rt-" + Guid.NewGuid().ToString("N")[..8]);
        await HubApi.CommitOkAsync(hub.Client(writeToken), repo, "c", HubApi.File("a.txt", "a"u8.ToArray()));
        Assert.True((await hub.Client(writeToken).PostAsync($"api/models/{repo}/branch/dev", null)).IsSuccessStatusCode);
        Assert.True((await hub.Client(writeToken).PostAsJsonAsync($"api/models/{repo}/tag/main", new { tag = "keep" })).IsSuccessStatusCode);
        var before = await hub.Client(writeToken).GetStringAsync($"api/models/{repo}/refs");

        string Fill(string s) => s.Replace("{r}", repo, StringComparison.Ordinal).Replace("{o}", owner, StringComparison.Ordinal).Replace("{n}", Guid.NewGuid().ToString("N")[..6], StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(template));
        if (body is not null) request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
        var response = await reader.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await hub.Client(writeToken).GetStringAsync($"api/models/{repo}/refs"));
        Assert.Equal(0, (await hub.Client(writeToken).GetFromJsonAsync<JsonObject>($"api/models/{repo}"))!["likes"]!.GetValue<int>());
        Assert.Single((await hub.Client(writeToken).GetFromJsonAsync<JsonArray>("api/settings/tokens"))!, t => t!["role"]!.GetValue<string>() == "write");
        Assert.Empty((await hub.Client(writeToken).GetFromJsonAsync<JsonArray>("api/settings/webhooks"))!);
    }

    [Fact]
    public async Task A_read_token_cannot_ask_for_access_to_a_gated_repository()
    {
        var (_, ownerToken) = await hub.CreateUserAsync();
        var repo = await HubApi.CreateRepoAsync(hub.Client(ownerToken), "gated-" + Guid.NewGuid().ToString("N")[..8]);
        await HubApi.CommitOkAsync(hub.Client(ownerToken), repo, "c", HubApi.File("a.txt", "a"u8.ToArray()));
        Assert.True((await hub.Client(ownerToken).PutAsJsonAsync($"api/models/{repo}/settings", new { gated = "auto" })).IsSuccessStatusCode);
        var (_, userToken) = await hub.CreateUserAsync();
        var reader = hub.Client(await NewReadTokenAsync(userToken));

        // Automatic gating grants on request: a read token asking would grant its user (and every token of theirs) access.
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"api/models/{repo}/ask-access", new { reason = "read token" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Client(userToken).GetAsync($"{repo}/resolve/main/a.txt")).StatusCode);
        Assert.Empty((await hub.Client(ownerToken).GetFromJsonAsync<JsonArray>($"api/models/{repo}/user-access-request/accepted"))!);
    }

    private async Task<string> NewReadTokenAsync(string writeToken)
    {
        var response = await hub.Client(writeToken).PostAsJsonAsync("api/settings/tokens", new { displayName = "reader", role = "read" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }
}
