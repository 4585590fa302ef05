using System.Net;
using Hub.Api.Features.Search;
using Hub.Api.Tests.Indexing;
using Hub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Hub.Api.Tests.Indexing.ModelRepoBuilder;

namespace Hub.Api.Tests.Search;

/// <summary>Download counting by the primary-file rule, likes, and the sorts and counts they feed, on both hub flavours.</summary>
public abstract class DownloadsAndLikesTests(HubServer hub)
{
    private static string NewName() => "d" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Only_a_GET_of_the_models_query_file_counts_as_a_download()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        await CommitAsync(client, repo, "model", new Dictionary<string, byte[]>
        {
            ["config.json"] = Text("""{"model_type":"bert"}"""),
            ["README.md"] = Text("# hi"),
            ["model-00001-of-00002.safetensors"] = ModelFiles.Safetensors([("a", "F32", [2])]),
        }, new HashSet<string> { "model-00001-of-00002.safetensors" });
        var anonymous = hub.Client();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"{repo}/resolve/main/config.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"{repo}/resolve/main/config.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{repo}/resolve/main/config.json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"{repo}/resolve/main/README.md")).StatusCode);
        Assert.True((await anonymous.GetAsync($"{repo}/resolve/main/model-00001-of-00002.safetensors")).StatusCode is HttpStatusCode.OK or HttpStatusCode.Found);

        var info = await GetJsonAsync(anonymous, $"api/models/{repo}");
        Assert.Equal(2, info["downloads"]!.GetValue<long>());
        Assert.Equal(2, info["downloadsAllTime"]!.GetValue<long>());
    }

    [Fact]
    public async Task Revalidations_resumed_ranges_and_unsatisfiable_ranges_are_not_downloads()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        await CommitAsync(client, repo, "model", new Dictionary<string, byte[]> { ["config.json"] = Text("""{"model_type":"bert"}""") });
        var anonymous = hub.Client();
        var url = $"{repo}/resolve/main/config.json";

        using var first = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(revalidate)).StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, (await SendRangeAsync(anonymous, url, "bytes=5-")).StatusCode);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await SendRangeAsync(anonymous, url, "bytes=5000-")).StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, (await SendRangeAsync(anonymous, url, "bytes=0-3")).StatusCode);

        // The first GET and the range from byte 0; not the 304, the resumed range or the 416.
        Assert.Equal(2, (await GetJsonAsync(anonymous, $"api/models/{repo}"))["downloads"]!.GetValue<long>());
    }

    private static async Task<HttpResponseMessage> SendRangeAsync(HttpClient client, string url, string range)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Range", range);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_dataset_download_is_every_file_one_client_fetches_within_the_window()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName(), type: "dataset");
        await CommitAsync(client, repo, "data", new Dictionary<string, byte[]>
        {
            ["train.csv"] = Text("a,b\n1,2\n"),
            ["test.csv"] = Text("a,b\n3,4\n"),
        }, type: "dataset");

        foreach (var file in new[] { "train.csv", "test.csv", "train.csv" })
            Assert.Equal(HttpStatusCode.OK, (await hub.Client().GetAsync($"datasets/{repo}/resolve/main/{file}")).StatusCode);

        Assert.Equal(1, (await GetJsonAsync(hub.Client(), $"api/datasets/{repo}"))["downloads"]!.GetValue<long>());
    }

    [Fact]
    public async Task Likes_are_counted_listed_and_sorted_on()
    {
        var (owner, ownerToken) = await hub.CreateUserAsync();
        var (fan, fanToken) = await hub.CreateUserAsync();
        var (_, readToken) = await hub.CreateUserAsync("read");
        var word = "w" + Guid.NewGuid().ToString("N")[..10];
        var popular = await HubApi.CreateRepoAsync(hub.Client(ownerToken), $"{word}-popular");
        var quiet = await HubApi.CreateRepoAsync(hub.Client(ownerToken), $"{word}-quiet");
        var fanClient = hub.Client(fanToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client().PostAsync($"api/models/{popular}/like", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Client(readToken).PostAsync($"api/models/{popular}/like", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fanClient.PostAsync($"api/models/{popular}/like", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fanClient.PostAsync($"api/models/{popular}/like", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(ownerToken).PostAsync($"api/models/{popular}/like", null)).StatusCode);

        Assert.Equal(2, (await GetJsonAsync(hub.Client(), $"api/models/{popular}"))["likes"]!.GetValue<int>());
        var likers = (await GetJsonAsync(hub.Client(), $"api/models/{popular}/likers")).AsArray();
        Assert.Equal(new[] { owner, fan }.Order(StringComparer.Ordinal), likers.Select(l => l!["user"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var liked = (await GetJsonAsync(hub.Client(), $"api/users/{fan}/likes")).AsArray();
        JsonEqual($$"""{"name":"{{popular}}","type":"model"}""", Assert.Single(liked)!["repo"]);
        var sorted = await GetJsonAsync(hub.Client(), $"api/models?search={word}&sort=likes");
        Assert.Equal([popular, quiet], sorted.AsArray().Select(i => i!["id"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.OK, (await fanClient.DeleteAsync($"api/models/{popular}/like")).StatusCode);
        Assert.Equal(1, (await GetJsonAsync(hub.Client(), $"api/models/{popular}"))["likes"]!.GetValue<int>());
        Assert.Empty((await GetJsonAsync(hub.Client(), $"api/users/{fan}/likes")).AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client().GetAsync($"api/users/nobody{word}/likes")).StatusCode);
    }

    [Fact]
    public async Task Recompute_job_runs_once_per_interval_across_hub_processes_and_sets_trending_scores()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var word = "t" + Guid.NewGuid().ToString("N")[..10];
        var hot = await HubApi.CreateRepoAsync(client, $"{word}-hot");
        var cold = await HubApi.CreateRepoAsync(client, $"{word}-cold");
        await CommitAsync(client, hot, "config", new Dictionary<string, byte[]> { ["config.json"] = Text("{}") });
        for (var i = 0; i < 3; i++)
            await hub.Client().GetAsync($"{hot}/resolve/main/config.json");

        // Two job instances stand for two hub processes on the same database; a lease of their own keeps the hub's
        // hosted job (which claimed its first run at start-up) out of the way.
        var options = Options.Create(new StatsOptions { LeaseName = "test-" + word });
        var job = ActivatorUtilities.CreateInstance<StatsRecomputeJob>(hub.Services, options);
        var other = ActivatorUtilities.CreateInstance<StatsRecomputeJob>(hub.Services, options);
        var runs = await Task.WhenAll(job.RunIfDueAsync(CancellationToken.None), other.RunIfDueAsync(CancellationToken.None));

        Assert.Equal(1, runs.Count(r => r));
        Assert.False(await other.RunIfDueAsync(CancellationToken.None));
        var list = await GetJsonAsync(hub.Client(), $"api/models?search={word}&sort=trendingScore");
        Assert.Equal([hot, cold], list.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal(3.0, list[0]!["trendingScore"]!.GetValue<double>());
    }
}

[Collection(ProductionHubCollection.Name)]
public sealed class ProductionDownloadsAndLikesTests(ProductionHub hub) : DownloadsAndLikesTests(hub);

[Collection(EmbeddedHubCollection.Name)]
public sealed class EmbeddedDownloadsAndLikesTests(EmbeddedHub hub) : DownloadsAndLikesTests(hub);
