using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Web.Tests.Infrastructure;

namespace Hub.Web.Tests;

/// <summary>Looking at a repository in the browser is not downloading it: the pages' own reads of files are never counted.</summary>
[Collection(ProductionWebCollection.Name)]
public sealed class DownloadCountTests(ProductionWebHub hub)
{
    [Fact]
    public async Task Viewing_a_model_card_and_its_config_in_the_browser_counts_no_download()
    {
        var gallery = await Gallery.OfAsync(hub);
        using var api = hub.Client(gallery.Token);
        var repo = await HubRequests.CreateRepoAsync(api, "viewed-" + Guid.NewGuid().ToString("N")[..8]);
        await HubRequests.CommitAsync(api, repo, "Add files", new Dictionary<string, string>
        {
            ["README.md"] = "# Viewed\n",
            ["config.json"] = "{\"model_type\": \"bert\"}\n",
        });

        await ViewAsync($"/{repo}", $"/{repo}/blob/main/config.json", $"/{repo}/blob/main/README.md");

        Assert.Equal(0, await DownloadsAsync(api, "models", repo));
        // A real download still counts (the check above can fail).
        Assert.True((await api.GetAsync($"{repo}/resolve/main/config.json")).IsSuccessStatusCode);
        Assert.Equal(1, await DownloadsAsync(api, "models", repo));
    }

    [Fact]
    public async Task Viewing_a_dataset_card_and_its_files_in_the_browser_counts_no_download()
    {
        var gallery = await Gallery.OfAsync(hub);
        using var api = hub.Client(gallery.Token);
        var repo = await HubRequests.CreateRepoAsync(api, "viewed-" + Guid.NewGuid().ToString("N")[..8], type: "dataset");
        await HubRequests.CommitAsync(api, repo, "Add data", new Dictionary<string, string>
        {
            ["README.md"] = "# Viewed data\n",
            ["train.csv"] = "text,label\nfine,1\n",
        }, type: "dataset");

        await ViewAsync($"/datasets/{repo}", $"/datasets/{repo}/blob/main/train.csv");

        Assert.Equal(0, await DownloadsAsync(api, "datasets", repo));
    }

    private async Task ViewAsync(params string[] pages)
    {
        using var browserLike = hub.Client();
        foreach (var page in pages)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, page.TrimStart('/'));
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await browserLike.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
        }
    }

    private static async Task<long> DownloadsAsync(HttpClient api, string segment, string repo)
    {
        var info = await api.GetFromJsonAsync<JsonObject>($"api/{segment}/{repo}?expand=downloads");
        return info!["downloads"]!.GetValue<long>();
    }
}
