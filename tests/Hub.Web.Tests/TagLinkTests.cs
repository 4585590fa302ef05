using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>Tags in a repository's header lead to a list of repositories with that tag, never to a missing page.</summary>
[Collection(ProductionWebCollection.Name)]
public sealed class TagLinkTests(ProductionWebHub hub, BrowserFixture browser)
{
    [Theory]
    [InlineData("model")]
    [InlineData("dataset")]
    [InlineData("space")]
    public async Task Every_tag_link_in_the_header_opens_a_page(string type)
    {
        var gallery = await Gallery.OfAsync(hub);
        using var api = hub.Client(gallery.Token);
        var repo = await HubRequests.CreateRepoAsync(api, "tags-" + Guid.NewGuid().ToString("N")[..8], type: type);
        await HubRequests.CommitAsync(api, repo, "Add the card", new Dictionary<string, string>
        {
            ["README.md"] = "---\nlicense: mit\ntags: [shiny-tag]\n---\n# Tagged\n",
        }, type: type);
        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync((type == "model" ? "/" : $"/{type}s/") + repo);
        var tags = page.GetByRole(AriaRole.List, new() { Name = "Tags" });
        await Assertions.Expect(tags).ToContainTextAsync("shiny-tag");
        foreach (var href in await tags.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
        {
            var response = await context.APIRequest.GetAsync(href, new() { Headers = new Dictionary<string, string> { ["Accept"] = "text/html" } });
            Assert.True(response.Status == 200, $"{href} answered {response.Status}");
        }
    }
}
