using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Deploy.Tests.ScaleOut;

/// <summary>
/// Each process caches tokens and repositories on the download path; a change made through one process must reach the
/// other's caches before the client can ask it: a revoked token and a repository made private are refused at once.
/// </summary>
public sealed class CacheInvalidationTests(TwoHubCluster fixture) : IClassFixture<TwoHubCluster>
{
    private Cluster.HubCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_token_revoked_through_one_process_is_refused_by_the_other_at_once()
    {
        using var first = Cluster.Client(Cluster.AdminToken, Cluster.Hubs[0].Url);
        var repo = await CreateRepoWithFileAsync(first, "revoke");
        var name = "cached-" + Guid.NewGuid().ToString("N")[..8];
        using var created = await first.PostAsJsonAsync("api/settings/tokens", new { displayName = name, role = "read" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var token = (await created.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        var id = (await first.GetFromJsonAsync<JsonArray>("api/settings/tokens"))!.Single(t => t!["displayName"]!.GetValue<string>() == name)!["id"]!.GetValue<long>();

        using var second = Cluster.Client(token, Cluster.Hubs[1].Url);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await second.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{repo}/resolve/main/config.json"))).StatusCode);

        using var revoked = await first.DeleteAsync($"api/settings/tokens/{id}");
        Assert.True(revoked.IsSuccessStatusCode, await revoked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{repo}/resolve/main/config.json"))).StatusCode);
    }

    [Fact]
    public async Task A_repository_made_private_or_updated_through_one_process_is_seen_so_by_the_other_at_once()
    {
        using var first = Cluster.Client(Cluster.AdminToken, Cluster.Hubs[0].Url);
        var repo = await CreateRepoWithFileAsync(first, "private");
        using var anonymous = Cluster.Client(baseUrl: Cluster.Hubs[1].Url);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{repo}/resolve/main/config.json"))).StatusCode);

        // A commit through the first process moves the head the second one resolves "main" to.
        using var commit = await first.PostAsync($"api/models/{repo}/commit/main", Commit("config.json", "{\"model_type\":\"gpt2\"}"));
        Assert.True(commit.IsSuccessStatusCode, await commit.Content.ReadAsStringAsync());
        var head = (await commit.Content.ReadFromJsonAsync<JsonObject>())!["commitOid"]!.GetValue<string>();
        using (var moved = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{repo}/resolve/main/config.json")))
            Assert.Equal(head, moved.Headers.GetValues("X-Repo-Commit").Single());

        using var settings = await first.PutAsJsonAsync($"api/models/{repo}/settings", new { @private = true });
        Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{repo}/resolve/main/config.json"))).StatusCode);
    }

    private static async Task<string> CreateRepoWithFileAsync(HttpClient client, string prefix)
    {
        var repo = $"admin/{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        await HubChecks.CreateRepoAsync(client, repo.Split('/')[1]);
        using var commit = await client.PostAsync($"api/models/{repo}/commit/main", Commit("config.json", "{\"model_type\":\"bert\"}"));
        Assert.True(commit.IsSuccessStatusCode, await commit.Content.ReadAsStringAsync());
        return repo;
    }

    private static StringContent Commit(string path, string content) => new(
        string.Join('\n',
            JsonSerializer.Serialize(new { key = "header", value = new { summary = "update " + path } }),
            JsonSerializer.Serialize(new { key = "file", value = new { path, content = Convert.ToBase64String(Encoding.UTF8.GetBytes(content)), encoding = "base64" } })),
        Encoding.UTF8,
        "application/x-ndjson");
}
