using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Deploy.Tests.Cluster;

namespace Hub.Deploy.Tests.ScaleOut;

/// <summary>
/// Each hub process caches list pages; a change made through one process shows in the other's very next list call
/// (the writer answers only once its change reached every process): created, re-carded, made private, deleted.
/// </summary>
public sealed class ListCacheAcrossProcessesTests : IAsyncLifetime
{
    private HubCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await HubCluster.StartAsync(TwoHubCluster.Services, 2);

    public async Task DisposeAsync()
    {
        if (cluster is not null) await cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_repo_created_recarded_made_private_or_deleted_through_one_process_shows_so_in_the_others_next_list_call()
    {
        using var writer = cluster.Client(cluster.AdminToken, cluster.Hubs[0].Url);
        using var anonymous = cluster.Client(baseUrl: cluster.Hubs[1].Url);
        using var admin = cluster.Client(cluster.AdminToken, cluster.Hubs[1].Url);
        var word = "x" + Guid.NewGuid().ToString("N")[..10];
        var list = $"api/models?search={word}&sort=createdAt";
        var licensed = $"api/models?search={word}&filter=license:mit";

        await HubChecks.CreateRepoAsync(writer, $"{word}-a");
        // Each page twice: the second call is answered from the second process's cache.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(new[] { $"admin/{word}-a" }, await IdsAsync(anonymous, list));
            Assert.Empty(await IdsAsync(anonymous, licensed));
        }

        await HubChecks.CreateRepoAsync(writer, $"{word}-b");
        Assert.Equal(new[] { $"admin/{word}-b", $"admin/{word}-a" }, await IdsAsync(anonymous, list));

        using (var card = await writer.PostAsync($"api/models/admin/{word}-b/commit/main", Readme("---\nlicense: mit\n---\n# b\n")))
            Assert.True(card.IsSuccessStatusCode, await card.Content.ReadAsStringAsync());
        Assert.Equal(new[] { $"admin/{word}-b" }, await IdsAsync(anonymous, licensed));

        using (var settings = await writer.PutAsJsonAsync($"api/models/admin/{word}-a/settings", new { @private = true }))
            Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Equal(new[] { $"admin/{word}-b" }, await IdsAsync(anonymous, list));
        Assert.Equal(new[] { $"admin/{word}-b", $"admin/{word}-a" }, await IdsAsync(admin, list));

        using (var deleted = await writer.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/repos/delete") { Content = JsonContent.Create(new { name = $"{word}-b", type = "model" }) }))
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Empty(await IdsAsync(anonymous, list));
        Assert.Empty(await IdsAsync(anonymous, licensed));
        Assert.Equal(new[] { $"admin/{word}-a" }, await IdsAsync(admin, list));
    }

    private static async Task<string[]> IdsAsync(HttpClient client, string path)
    {
        var page = await client.GetFromJsonAsync<JsonArray>(path);
        return [.. page!.Select(i => i!["id"]!.GetValue<string>())];
    }

    private static StringContent Readme(string content) => new(
        string.Join('\n',
            JsonSerializer.Serialize(new { key = "header", value = new { summary = "card" } }),
            JsonSerializer.Serialize(new { key = "file", value = new { path = "README.md", content = Convert.ToBase64String(Encoding.UTF8.GetBytes(content)), encoding = "base64" } })),
        Encoding.UTF8,
        "application/x-ndjson");
}
