using System.Net;
using Hub.Api.Tests.Infrastructure;
using static Hub.Api.Tests.Indexing.ModelRepoBuilder;

namespace Hub.Api.Tests.Search;

/// <summary>The search box's suggestions: matches of each type, private repositories only for those who may see them.</summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class QuickSearchTests(EmbeddedHub hub)
{
    [Fact]
    public async Task Quicksearch_suggests_matching_repositories_of_each_type_the_caller_may_see()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var word = "q" + Guid.NewGuid().ToString("N")[..10];
        var model = await HubApi.CreateRepoAsync(client, $"{word}-model");
        var dataset = await HubApi.CreateRepoAsync(client, $"{word}-data", type: "dataset");
        var hidden = await HubApi.CreateRepoAsync(client, $"{word}-hidden", isPrivate: true);

        var anonymous = await GetJsonAsync(hub.Client(), $"api/quicksearch?q={word}");
        var owner = await GetJsonAsync(client, $"api/quicksearch?q={word}&type=model");

        Assert.Equal([model], anonymous["models"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
        Assert.Equal([dataset], anonymous["datasets"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
        Assert.Empty(anonymous["spaces"]!.AsArray());
        Assert.Equal(new[] { hidden, model }.Order(StringComparer.Ordinal), owner["models"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Null(owner["datasets"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await hub.Client().GetAsync("api/quicksearch?q=")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await hub.Client().GetAsync($"api/quicksearch?q={word}&type=bogus")).StatusCode);
    }
}
