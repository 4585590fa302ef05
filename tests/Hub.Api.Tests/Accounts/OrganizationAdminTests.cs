using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Accounts;

/// <summary>An organization always keeps an admin: its last one can neither step down nor leave (nobody could manage it after).</summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class OrganizationAdminTests(EmbeddedHub hub)
{
    [Fact]
    public async Task The_last_admin_can_neither_demote_nor_remove_themselves_until_another_admin_exists()
    {
        var (owner, token) = await hub.CreateUserAsync();
        var (other, _) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var org = "o" + Guid.NewGuid().ToString("N")[..10];
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("api/organizations/new", new { name = org })).StatusCode);

        var demote = await client.PutAsJsonAsync($"api/organizations/{org}/members", new { user = owner, role = "read" });
        var leave = await client.DeleteAsync($"api/organizations/{org}/members/{owner}");

        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Contains("admin", demote.Headers.GetValues("X-Error-Message").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, leave.StatusCode);
        Assert.Equal("admin", await RoleAsync(org, owner));

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"api/organizations/{org}/members", new { user = other, role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"api/organizations/{org}/members", new { user = owner, role = "write" })).StatusCode);
        Assert.Equal("write", await RoleAsync(org, owner));
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_leave_one_admin()
    {
        for (var round = 0; round < 5; round++)
        {
            var (first, firstToken) = await hub.CreateUserAsync();
            var (second, secondToken) = await hub.CreateUserAsync();
            var org = "o" + Guid.NewGuid().ToString("N")[..10];
            Assert.Equal(HttpStatusCode.OK, (await hub.Client(firstToken).PostAsJsonAsync("api/organizations/new", new { name = org })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await hub.Client(firstToken).PutAsJsonAsync($"api/organizations/{org}/members", new { user = second, role = "admin" })).StatusCode);

            var answers = await Task.WhenAll(
                hub.Client(firstToken).PutAsJsonAsync($"api/organizations/{org}/members", new { user = second, role = "read" }),
                hub.Client(secondToken).PutAsJsonAsync($"api/organizations/{org}/members", new { user = first, role = "read" }));

            // One demotion happens; the other is refused (its caller is no admin any more, or would be the last one).
            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
            Assert.Single(answers, a => a.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Conflict);
            Assert.Single(new[] { await RoleAsync(org, first), await RoleAsync(org, second) }, role => role == "admin");
        }
    }

    private async Task<string?> RoleAsync(string org, string user)
    {
        var members = (await hub.Client().GetFromJsonAsync<JsonArray>($"api/organizations/{org}/members"))!;
        return members.FirstOrDefault(m => m!["user"]!.GetValue<string>() == user)?["role"]?.GetValue<string>();
    }
}
