using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;
using static Hub.Api.Tests.Indexing.ModelRepoBuilder;

namespace Hub.Api.Tests.Search;

/// <summary>
/// The web UI's native reads: daily downloads (zero-filled, as private as the repository), whether the caller likes a
/// repository, and list facets counted over the filtered set with each facet's own filter left out, on both hub flavours.
/// </summary>
public abstract class RepoStatsAndFacetsTests(HubServer hub)
{
    private static string NewWord() => "f" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Daily_downloads_are_one_entry_per_day_ending_today_with_days_without_downloads_as_zero()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewWord());
        await CommitAsync(client, repo, "config", new Dictionary<string, byte[]> { ["config.json"] = Text("{}") });
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await hub.Client().GetAsync($"{repo}/resolve/main/config.json")).StatusCode);

        var days = (await GetJsonAsync(hub.Client(), $"api/models/{repo}/downloads?days=30")).AsArray();

        Assert.Equal(30, days.Count);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var dates = days.Select(d => DateOnly.ParseExact(d!["date"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => today.AddDays(i - 29)), dates);
        Assert.Equal(3, days[^1]!["downloads"]!.GetValue<long>());
        Assert.All(days.Take(29), d => Assert.Equal(0, d!["downloads"]!.GetValue<long>()));
        Assert.Equal(7, (await GetJsonAsync(hub.Client(), $"api/models/{repo}/downloads?days=7")).AsArray().Count);
    }

    [Fact]
    public async Task Daily_downloads_refuse_a_bad_day_count_and_hide_private_repositories()
    {
        var (_, token) = await hub.CreateUserAsync();
        var (_, otherToken) = await hub.CreateUserAsync();
        var repo = await HubApi.CreateRepoAsync(hub.Client(token), NewWord(), isPrivate: true);

        Assert.Equal(HttpStatusCode.OK, (await hub.Client(token).GetAsync($"api/models/{repo}/downloads")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client(otherToken).GetAsync($"api/models/{repo}/downloads")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client().GetAsync($"api/models/{repo}/downloads")).StatusCode);
        foreach (var bad in new[] { "0", "366", "-1", "ten" })
            Assert.Equal(HttpStatusCode.BadRequest, (await hub.Client(token).GetAsync($"api/models/{repo}/downloads?days={bad}")).StatusCode);
    }

    [Fact]
    public async Task Like_status_says_whether_the_caller_likes_the_repository()
    {
        var (_, ownerToken) = await hub.CreateUserAsync();
        var (_, fanToken) = await hub.CreateUserAsync();
        var repo = await HubApi.CreateRepoAsync(hub.Client(ownerToken), NewWord());
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(fanToken).PostAsync($"api/models/{repo}/like", null)).StatusCode);

        JsonEqual("""{"liked":true,"likes":1}""", await GetJsonAsync(hub.Client(fanToken), $"api/models/{repo}/like"));
        JsonEqual("""{"liked":false,"likes":1}""", await GetJsonAsync(hub.Client(ownerToken), $"api/models/{repo}/like"));
        JsonEqual("""{"liked":false,"likes":1}""", await GetJsonAsync(hub.Client(), $"api/models/{repo}/like"));
    }

    [Fact]
    public async Task Facets_count_the_filtered_set_leaving_out_each_facets_own_filter_and_private_repositories_of_others()
    {
        var (owner, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var word = NewWord();
        await CardRepoAsync(client, $"{word}-a", "text-classification", "transformers", "mit", "[en, fr]");
        await CardRepoAsync(client, $"{word}-b", "text-classification", "onnx", "apache-2.0", "[en]");
        await CardRepoAsync(client, $"{word}-c", "fill-mask", "transformers", "mit", "[de]");
        await CardRepoAsync(client, $"{word}-p", "fill-mask", "transformers", "mit", "[en]", isPrivate: true);

        var anonymous = await GetJsonAsync(hub.Client(), $"api/models/facets?search={word}");
        Assert.Equal("text-classification=2 fill-mask=1", Facet(anonymous, "pipeline_tag"));
        Assert.Equal("transformers=2 onnx=1", Facet(anonymous, "library"));
        Assert.Equal("mit=2 apache-2.0=1", Facet(anonymous, "license"));
        Assert.Equal("en=2 de=1 fr=1", Facet(anonymous, "language"));
        Assert.Equal($"{owner}=3", Facet(anonymous, "author"));

        var own = await GetJsonAsync(client, $"api/models/facets?search={word}");
        Assert.Equal("fill-mask=2 text-classification=2", Facet(own, "pipeline_tag"));
        Assert.Equal($"{owner}=4", Facet(own, "author"));

        var filtered = await GetJsonAsync(hub.Client(), $"api/models/facets?search={word}&license=mit&pipeline_tag=text-classification");
        Assert.Equal("fill-mask=1 text-classification=1", Facet(filtered, "pipeline_tag"));
        Assert.Equal("apache-2.0=1 mit=1", Facet(filtered, "license"));
        Assert.Equal("transformers=1", Facet(filtered, "library"));
        Assert.Equal("en=1 fr=1", Facet(filtered, "language"));
        var listed = await GetJsonAsync(hub.Client(), $"api/models?search={word}&license=mit&pipeline_tag=text-classification");
        Assert.Equal([$"{owner}/{word}-a"], listed.AsArray().Select(r => r!["id"]!.GetValue<string>()));

        var top = await GetJsonAsync(hub.Client(), $"api/models/facets?search={word}&top=1");
        Assert.Equal("en=2", Facet(top, "language"));
        Assert.Equal(HttpStatusCode.BadRequest, (await hub.Client().GetAsync("api/models/facets?top=0")).StatusCode);
    }

    [Fact]
    public async Task Dataset_facets_read_languages_from_their_language_tags()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var word = NewWord();
        foreach (var (suffix, languages) in new[] { ("x", "[en, fr]"), ("y", "[fr]") })
        {
            var repo = await HubApi.CreateRepoAsync(client, $"{word}-{suffix}", type: "dataset");
            await CommitAsync(client, repo, "card", new Dictionary<string, byte[]> { ["README.md"] = Text($"---\nlicense: cc-by-4.0\nlanguage: {languages}\n---\n# data\n") }, type: "dataset");
        }

        var facets = await GetJsonAsync(hub.Client(), $"api/datasets/facets?search={word}");

        Assert.Equal("fr=2 en=1", Facet(facets, "language"));
        Assert.Equal("cc-by-4.0=2", Facet(facets, "license"));
    }

    private static async Task CardRepoAsync(HttpClient client, string name, string task, string library, string license, string languages, bool isPrivate = false)
    {
        var repo = await HubApi.CreateRepoAsync(client, name, isPrivate: isPrivate);
        var card = $"---\npipeline_tag: {task}\nlibrary_name: {library}\nlicense: {license}\nlanguage: {languages}\n---\n# {name}\n";
        await CommitAsync(client, repo, "card", new Dictionary<string, byte[]> { ["README.md"] = Text(card) });
    }

    private static string Facet(JsonNode facets, string name) =>
        string.Join(' ', facets[name]!.AsArray().Select(v => $"{v!["value"]!.GetValue<string>()}={v["count"]!.GetValue<long>()}"));
}

[Collection(ProductionHubCollection.Name)]
public sealed class ProductionRepoStatsAndFacetsTests(ProductionHub hub) : RepoStatsAndFacetsTests(hub);

[Collection(EmbeddedHubCollection.Name)]
public sealed class EmbeddedRepoStatsAndFacetsTests(EmbeddedHub hub) : RepoStatsAndFacetsTests(hub);
