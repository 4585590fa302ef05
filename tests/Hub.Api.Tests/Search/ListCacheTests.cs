using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Features.Search;
using Hub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Hub.Api.Tests.Indexing.ModelRepoBuilder;

namespace Hub.Api.Tests.Search;

/// <summary>
/// Repository lists are served from memory (ListResponseCache) yet every change shows in the very next list call:
/// created, deleted, made private, re-carded, downloaded, liked; a page is never shared between callers who see different
/// private repositories; and a cached page is byte for byte the page the database path writes. On both hub flavours.
/// </summary>
public abstract class ListCacheTests(HubServer hub)
{
    private ListResponseCache Cache => hub.Services.GetRequiredService<ListResponseCache>();

    private static string NewWord() => "lc" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_repo_created_or_deleted_shows_so_in_the_next_cached_list_call()
    {
        var (user, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var word = NewWord();
        var first = await HubApi.CreateRepoAsync(client, $"{word}-a");
        var list = $"api/models?author={user}&search={word}&sort=createdAt";
        Assert.Equal(new[] { first }, await IdsAsync(hub.Client(), list));
        await AssertServedFromCacheAsync(hub.Client(), list);

        var second = await HubApi.CreateRepoAsync(client, $"{word}-b");
        Assert.Equal(new[] { second, first }, await IdsAsync(hub.Client(), list));

        using var deleted = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/repos/delete") { Content = JsonContent.Create(new { name = $"{word}-b", type = "model" }) });
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(new[] { first }, await IdsAsync(hub.Client(), list));
    }

    [Fact]
    public async Task Concurrent_calls_for_one_page_all_see_every_repo_created_before_they_were_sent()
    {
        var (user, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var word = NewWord();
        var list = $"api/models?author={user}&search={word}&sort=createdAt&limit=100";
        var created = new List<string>();
        for (var round = 0; round < 4; round++)
        {
            created.Insert(0, await HubApi.CreateRepoAsync(client, $"{word}-{round}"));
            // Many at once while the page is missing: those that share one read must still see this round's repo.
            var pages = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => IdsAsync(hub.Client(), list)));
            Assert.All(pages, page => Assert.Equal(created.Take(2), page.Take(2)));
        }
    }

    [Fact]
    public async Task A_repo_made_private_leaves_anonymous_pages_at_once_and_stays_on_its_owners()
    {
        var (user, token) = await hub.CreateUserAsync();
        var (_, otherToken) = await hub.CreateUserAsync();
        var word = NewWord();
        var repo = await HubApi.CreateRepoAsync(hub.Client(token), word);
        var list = $"api/models?search={word}";
        Assert.Equal(new[] { repo }, await IdsAsync(hub.Client(), list));
        Assert.Equal(new[] { repo }, await IdsAsync(hub.Client(token), list));
        await AssertServedFromCacheAsync(hub.Client(), list);

        using var settings = await hub.Client(token).PutAsJsonAsync($"api/models/{repo}/settings", new { @private = true });
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);

        Assert.Empty(await IdsAsync(hub.Client(), list));
        Assert.Empty(await IdsAsync(hub.Client(otherToken), list));
        var own = await GetJsonAsync(hub.Client(token), list + $"&author={user}");
        Assert.True(own.AsArray().Single()!["private"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_private_repo_never_appears_on_a_page_cached_for_someone_who_may_not_see_it()
    {
        var (_, ownerToken) = await hub.CreateUserAsync();
        var (_, otherToken) = await hub.CreateUserAsync();
        var word = NewWord();
        var hidden = await HubApi.CreateRepoAsync(hub.Client(ownerToken), $"{word}-hidden", isPrivate: true);
        var list = $"api/models?search={word}";

        // The owner's page first (cached for the owner's visibility), then the same URL anonymously and as another user…
        Assert.Equal(new[] { hidden }, await IdsAsync(hub.Client(ownerToken), list));
        Assert.Empty(await IdsAsync(hub.Client(), list));
        Assert.Empty(await IdsAsync(hub.Client(otherToken), list));
        await AssertServedFromCacheAsync(hub.Client(), list);
        await AssertServedFromCacheAsync(hub.Client(ownerToken), list);

        // …and the other way round: pages cached for those who may not see it do not hide it from its owner.
        var later = NewWord();
        var second = await HubApi.CreateRepoAsync(hub.Client(ownerToken), $"{later}-hidden", isPrivate: true);
        Assert.Empty(await IdsAsync(hub.Client(), $"api/models?search={later}"));
        Assert.Empty(await IdsAsync(hub.Client(otherToken), $"api/models?search={later}"));
        Assert.Equal(new[] { second }, await IdsAsync(hub.Client(ownerToken), $"api/models?search={later}"));
        Assert.Equal(new[] { second }, await IdsAsync(hub.Client(hub.AdminToken), $"api/models?search={later}"));
    }

    [Fact]
    public async Task A_recarded_repo_shows_its_new_tags_in_the_next_cached_list_call()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var word = NewWord();
        var repo = await HubApi.CreateRepoAsync(client, word);
        await CommitAsync(client, repo, "card", new Dictionary<string, byte[]> { ["README.md"] = Text("---\nlicense: mit\npipeline_tag: fill-mask\n---\n# a\n") });
        Assert.Equal(new[] { repo }, await IdsAsync(hub.Client(), $"api/models?search={word}&filter=license:mit"));
        Assert.Equal("fill-mask", (await GetJsonAsync(hub.Client(), $"api/models?search={word}")).AsArray().Single()!["pipeline_tag"]!.GetValue<string>());
        await AssertServedFromCacheAsync(hub.Client(), $"api/models?search={word}");

        await CommitAsync(client, repo, "recard", new Dictionary<string, byte[]> { ["README.md"] = Text("---\nlicense: apache-2.0\npipeline_tag: text-classification\n---\n# a\n") });

        Assert.Empty(await IdsAsync(hub.Client(), $"api/models?search={word}&filter=license:mit"));
        Assert.Equal(new[] { repo }, await IdsAsync(hub.Client(), $"api/models?search={word}&filter=license:apache-2.0"));
        Assert.Equal("text-classification", (await GetJsonAsync(hub.Client(), $"api/models?search={word}")).AsArray().Single()!["pipeline_tag"]!.GetValue<string>());
    }

    [Fact]
    public async Task Downloads_and_likes_show_in_the_next_cached_list_call_of_the_same_process()
    {
        var (_, token) = await hub.CreateUserAsync();
        var (_, fanToken) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var word = NewWord();
        var repo = await HubApi.CreateRepoAsync(client, word);
        await CommitAsync(client, repo, "config", new Dictionary<string, byte[]> { ["config.json"] = Text("""{"model_type":"bert"}""") });
        var list = $"api/models?search={word}&expand[]=downloads&expand[]=likes";
        JsonEqual($$"""[{"_id":{{Id(await GetJsonAsync(hub.Client(), list))}},"id":"{{repo}}","downloads":0,"likes":0}]""", await GetJsonAsync(hub.Client(), list));
        await AssertServedFromCacheAsync(hub.Client(), list);

        Assert.Equal(HttpStatusCode.OK, (await hub.Client().GetAsync($"{repo}/resolve/main/config.json")).StatusCode);
        Assert.Equal(1, (await GetJsonAsync(hub.Client(), list)).AsArray().Single()!["downloads"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(fanToken).PostAsync($"api/models/{repo}/like", null)).StatusCode);
        Assert.Equal(1, (await GetJsonAsync(hub.Client(), list)).AsArray().Single()!["likes"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_cached_page_is_byte_for_byte_the_page_the_database_path_writes()
    {
        var (user, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var word = NewWord();
        foreach (var suffix in new[] { "a", "b", "c" })
        {
            var repo = await HubApi.CreateRepoAsync(client, $"{word}-{suffix}");
            await CommitAsync(client, repo, "card", new Dictionary<string, byte[]> { ["README.md"] = Text($"---\nlicense: mit\ntags: [ünïcode, \"<x>\"]\n---\n# {suffix}\n"), ["config.json"] = Text("{}") });
        }

        foreach (var list in new[] { $"api/models?author={user}&limit=2&full=true", $"api/models?search={word}&sort=createdAt&cardData=true&limit=1" })
        {
            Cache.Clear();
            var uncached = await RawAsync(list);
            var hitsBefore = Cache.Hits;
            var cached = await RawAsync(list);
            Assert.Equal(hitsBefore + 1, Cache.Hits);
            Assert.Equal(uncached.Body, cached.Body);
            Assert.Equal(uncached.Link, cached.Link);
            Assert.Equal(uncached.ContentType, cached.ContentType);
            Assert.NotNull(cached.Link);
        }
    }

    private async Task<(byte[] Body, string? Link, string? ContentType)> RawAsync(string path)
    {
        using var response = await hub.Client().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = response.Headers.TryGetValues("Link", out var values) ? string.Join(",", values) : null;
        return (await response.Content.ReadAsByteArrayAsync(), link, response.Content.Headers.ContentType?.ToString());
    }

    /// <summary>The same call again is a cache hit (so the assertions after a change test the cache, not the database).</summary>
    private async Task AssertServedFromCacheAsync(HttpClient client, string path)
    {
        // A few tries: a flush of download counts from an earlier test may drop the cache once in between.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var hits = Cache.Hits;
            await IdsAsync(client, path);
            if (Cache.Hits > hits) return;
        }
        Assert.Fail($"{path} was not served from the list cache");
    }

    private static async Task<string[]> IdsAsync(HttpClient client, string path) =>
        [.. (await GetJsonAsync(client, path)).AsArray().Select(i => i!["id"]!.GetValue<string>())];

    private static string Id(JsonNode list) => list.AsArray().Single()!["_id"]!.ToJsonString();
}

[Collection(ProductionHubCollection.Name)]
public sealed class ProductionListCacheTests(ProductionHub hub) : ListCacheTests(hub);

[Collection(EmbeddedHubCollection.Name)]
public sealed class EmbeddedListCacheTests(EmbeddedHub hub) : ListCacheTests(hub);
