using System.Net;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Git;

/// <summary>git pushes to a hub that answers only its public host name (the push hook calls the hub on loopback).</summary>
public sealed class GitNamedHostTests(NamedHostHub hub) : IClassFixture<NamedHostHub>
{
    [Fact]
    public async Task A_push_lands_on_a_hub_that_allows_only_its_public_host_name()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await hub.Client().GetAsync("api/models")).StatusCode); // 127.0.0.1 is not an allowed host
        var (_, token) = await hub.CreateUserAsync();
        using var client = new HttpClient { BaseAddress = new Uri(hub.PublicUrl + "/") };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var name = await HubApi.CreateRepoAsync(client, "g" + Guid.NewGuid().ToString("N")[..12]);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync($"{hub.PublicUrl}/{name}");
        await GitRefUpdateTests.CommitFileAsync(ci, work, "notes.txt", "pushed to the public name\n");

        await ci.OkAsync(work, "push", "origin", "main");

        Assert.Equal(await ci.HeadAsync(work), await new HubRepo(hub, "model", name).HeadAsync());
    }
}
