using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Security;

/// <summary>The audit log records logins, token creation and use, settings and deletes, and only site admins query it.</summary>
[Collection(ProductionHubCollection.Name)]
public sealed class AuditTests(ProductionHub hub)
{
    [Fact]
    public async Task Admins_query_security_events_by_actor_and_action_and_page_back()
    {
        var (name, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client().PostAsJsonAsync("api/auth/login", new { username = name, password = "correct-horse-battery" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client().PostAsJsonAsync("api/auth/login", new { username = name, password = "not-the-password" })).StatusCode);
        var repo = await HubApi.CreateRepoAsync(client, "audited-" + Guid.NewGuid().ToString("N")[..8]);
        await client.PutAsJsonAsync($"api/models/{repo}/settings", new { @private = true });
        await client.PostAsJsonAsync("api/settings/tokens", new { displayName = "audited", role = "read" });
        await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/repos/delete") { Content = JsonContent.Create(new { name = repo.Split('/')[1], type = "model" }) });

        var admin = hub.Client(hub.AdminToken);
        var mine = (await admin.GetFromJsonAsync<JsonArray>($"api/admin/audit?actor={name}"))!;
        var actions = mine.Select(e => e!["action"]!.GetValue<string>()).ToList();
        foreach (var expected in new[] { "user.login", "token.use", "repo.create", "repo.settings", "token.create", "repo.delete" })
            Assert.Contains(expected, actions);
        Assert.All(mine, e => Assert.Equal(name, e!["actor"]!.GetValue<string>()));
        Assert.Contains("private=True", mine.Single(e => e!["action"]!.GetValue<string>() == "repo.settings")!["details"]!.GetValue<string>(), StringComparison.Ordinal);

        var failed = (await admin.GetFromJsonAsync<JsonArray>("api/admin/audit?action=user.login_failed&limit=1000"))!;
        Assert.Contains(failed, e => e!["target"]!.GetValue<string>() == name);

        var page = await admin.GetAsync($"api/admin/audit?actor={name}&limit=2");
        Assert.Equal(2, (await page.Content.ReadFromJsonAsync<JsonArray>())!.Count);
        var next = page.Headers.GetValues("Link").Single();
        Assert.Contains("before=", next, StringComparison.Ordinal);
        var url = next[1..next.IndexOf('>', StringComparison.Ordinal)];
        Assert.NotEmpty((await admin.GetFromJsonAsync<JsonArray>(url))!);
    }

    [Fact]
    public async Task Only_site_admins_read_the_audit_log()
    {
        var (_, token) = await hub.CreateUserAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client().GetAsync("api/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Client(token).GetAsync("api/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await hub.Client(hub.AdminToken).GetAsync("api/admin/audit?before=yesterday")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await hub.Client(hub.AdminToken).GetAsync("api/admin/audit?limit=0")).StatusCode);
    }
}
