using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Features.Accounts;
using Hub.Api.Tests.Infrastructure;
using Hub.Storage.Metadata.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Security;

/// <summary>Fine-grained tokens (repo and namespace scopes, read and write), expiry and immediate revocation.</summary>
[Collection(ProductionHubCollection.Name)]
public sealed class TokenTests(ProductionHub hub)
{
    private static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<string> CreateTokenAsync(string userToken, object body)
    {
        var response = await hub.Client(userToken).PostAsJsonAsync("api/settings/tokens", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["token"]!.GetValue<string>();
    }

    [Fact]
    public async Task Fine_grained_token_acts_on_its_repository_only()
    {
        var (_, owner) = await hub.CreateUserAsync();
        var client = hub.Client(owner);
        var scoped = await HubApi.CreateRepoAsync(client, NewName("scoped"), isPrivate: true);
        var other = await HubApi.CreateRepoAsync(client, NewName("other"), isPrivate: true);
        var publicRepo = await HubApi.CreateRepoAsync(client, NewName("public"));
        var token = await CreateTokenAsync(owner, new { displayName = "ci", role = "fineGrained", scopes = new[] { new { repo = scoped, access = "write" } } });
        var fg = hub.Client(token);

        await HubApi.CommitOkAsync(fg, scoped, "by ci", HubApi.File("a.txt", "a"u8.ToArray()));
        Assert.Equal(HttpStatusCode.NotFound, (await fg.GetAsync($"api/models/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await HubApi.CommitAsync(fg, publicRepo, "no", [HubApi.File("b.txt", "b"u8.ToArray())])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fg.GetAsync($"api/models/{publicRepo}")).StatusCode);
        // Lists show the scoped private repository and hide the other one.
        async Task<List<string>> Search(string repo) =>
            (await fg.GetFromJsonAsync<JsonArray>($"api/models?search={repo.Split('/')[1]}"))!.Select(r => r!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([scoped], await Search(scoped));
        Assert.Empty(await Search(other));
        // The token manages nothing on the account.
        Assert.Equal(HttpStatusCode.Forbidden, (await fg.PostAsJsonAsync("api/settings/tokens", new { displayName = "x", role = "write" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fg.PostAsJsonAsync("api/repos/create", new { name = NewName("nope"), type = "model" })).StatusCode);
        var listed = (await client.GetFromJsonAsync<JsonArray>("api/settings/tokens"))!.Single(t => t!["role"]!.GetValue<string>() == "fineGrained");
        Assert.Equal($"model:{scoped}", listed!["scopes"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Read_scope_reads_and_namespace_scope_covers_new_repositories()
    {
        var (_, owner) = await hub.CreateUserAsync();
        var (member, memberToken) = await hub.CreateUserAsync();
        var orgName = NewName("org");
        Assert.True((await hub.Client(owner).PostAsJsonAsync("api/organizations/new", new { name = orgName })).IsSuccessStatusCode);
        Assert.True((await hub.Client(owner).PutAsJsonAsync($"api/organizations/{orgName}/members", new { user = member, role = "write" })).IsSuccessStatusCode);
        var repo = await HubApi.CreateRepoAsync(hub.Client(owner), NewName("r"), isPrivate: true, organization: orgName);
        await HubApi.CommitOkAsync(hub.Client(owner), repo, "c", HubApi.File("c.json", Encoding.UTF8.GetBytes("{}")));

        var reader = hub.Client(await CreateTokenAsync(memberToken, new { displayName = "r", role = "fineGrained", scopes = new[] { new { repo, access = "read" } } }));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"{repo}/resolve/main/c.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await HubApi.CommitAsync(reader, repo, "no", [HubApi.File("x", "x"u8.ToArray())])).StatusCode);

        var orgWriter = hub.Client(await CreateTokenAsync(memberToken, new { displayName = "w", role = "fineGrained", scopes = new[] { new { @namespace = orgName, access = "write" } } }));
        var created = await HubApi.CreateRepoAsync(orgWriter, NewName("made"), organization: orgName);
        await HubApi.CommitOkAsync(orgWriter, created, "c", HubApi.File("x.txt", "x"u8.ToArray()));
        await HubApi.CommitOkAsync(orgWriter, repo, "c", HubApi.File("y.txt", "y"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Forbidden, (await orgWriter.PostAsJsonAsync("api/repos/create", new { name = NewName("mine"), type = "model" })).StatusCode);
    }

    [Fact]
    public async Task Scopes_are_checked_when_the_token_is_created()
    {
        var (_, owner) = await hub.CreateUserAsync();
        var (_, stranger) = await hub.CreateUserAsync();
        var hidden = await HubApi.CreateRepoAsync(hub.Client(stranger), NewName("hidden"), isPrivate: true);
        foreach (var body in new object[]
        {
            new { displayName = "x", role = "fineGrained" },
            new { displayName = "x", role = "fineGrained", scopes = new[] { new { repo = hidden, access = "read" } } },
            new { displayName = "x", role = "fineGrained", scopes = new[] { new { repo = "nobody/nothing", access = "read" } } },
            new { displayName = "x", role = "fineGrained", scopes = new[] { new { @namespace = hidden.Split('/')[0], access = "read" } } },
            new { displayName = "x", role = "read", scopes = new[] { new { @namespace = "x", access = "read" } } },
        })
        {
            var response = await hub.Client(owner).PostAsJsonAsync("api/settings/tokens", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        // A private repository the caller cannot see is refused with the same words as a missing one.
        var unseen = await (await hub.Client(owner).PostAsJsonAsync("api/settings/tokens", new { displayName = "x", role = "fineGrained", scopes = new[] { new { repo = hidden, access = "read" } } })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal($"There is no model repository '{hidden}'.", unseen!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Expired_and_revoked_tokens_are_refused_at_once()
    {
        var (name, token) = await hub.CreateUserAsync();
        var accounts = hub.Services.GetRequiredService<AccountService>();
        var user = await hub.Services.GetRequiredService<IAccountStore>().FindUserAsync(name, CancellationToken.None);
        var (_, expired) = await accounts.CreateTokenAsync(user!.Id, "old", "write", TimeSpan.FromSeconds(-1), CancellationToken.None);
        var response = await hub.Client(expired).GetAsync("api/whoami-v2");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid credentials in Authorization header", response.Headers.GetValues("X-Error-Message").Single());

        var fresh = await CreateTokenAsync(token, new { displayName = "soon", role = "write", expiresInDays = 1 });
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(fresh).GetAsync("api/whoami-v2")).StatusCode);
        var id = (await hub.Client(token).GetFromJsonAsync<JsonArray>("api/settings/tokens"))!.Single(t => t!["displayName"]!.GetValue<string>() == "soon")!["id"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(token).DeleteAsync($"api/settings/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client(fresh).GetAsync("api/whoami-v2")).StatusCode);
    }
}
