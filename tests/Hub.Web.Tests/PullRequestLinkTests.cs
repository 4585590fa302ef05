using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Web.Tests.Infrastructure;

namespace Hub.Web.Tests;

/// <summary>The pullRequestUrl a create_pr commit answers leads somewhere: that pull request's page, which links its commits.</summary>
[Collection(EmbeddedWebCollection.Name)]
public sealed class PullRequestLinkTests(EmbeddedWebHub hub)
{
    [Theory]
    [InlineData("model")]
    [InlineData("dataset")]
    public async Task The_pull_request_url_of_a_create_pr_commit_shows_the_pull_request(string type)
    {
        using var api = hub.Client(hub.AdminToken);
        var repo = await HubRequests.CreateRepoAsync(api, "pr-link-" + Guid.NewGuid().ToString("N")[..8], type);
        var lines = new[]
        {
            JsonSerializer.Serialize(new { key = "header", value = new { summary = "Proposed change from the review", description = "" } }),
            JsonSerializer.Serialize(new { key = "file", value = new { path = "proposal.txt", content = Convert.ToBase64String("x"u8.ToArray()), encoding = "base64" } }),
        };
        var commit = await api.PostAsync($"api/{type}s/{repo}/commit/main?create_pr=1", new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson"));
        var body = await commit.Content.ReadAsStringAsync();
        Assert.True(commit.IsSuccessStatusCode, body);
        var prUrl = new Uri(JsonNode.Parse(body)!["pullRequestUrl"]!.GetValue<string>());
        Assert.EndsWith("/discussions/1", prUrl.AbsolutePath, StringComparison.Ordinal);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true });
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var page = await browser.GetAsync(prUrl);

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(prUrl.AbsolutePath, page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Proposed change from the review", html, StringComparison.Ordinal);
        Assert.Contains("/commits/refs%2Fpr%2F1", html, StringComparison.Ordinal);
    }
}
