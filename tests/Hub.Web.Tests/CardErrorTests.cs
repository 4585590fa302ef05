using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>A card whose YAML front matter does not parse says so on the repository page (never silently ignored).</summary>
[Collection(ProductionWebCollection.Name)]
public sealed class CardErrorTests(ProductionWebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task Invalid_card_metadata_is_reported_on_the_repository_page_and_valid_metadata_is_not()
    {
        var gallery = await Gallery.OfAsync(hub);
        using var api = hub.Client(gallery.Token);
        var repo = await HubRequests.CreateRepoAsync(api, "yaml-" + Guid.NewGuid().ToString("N")[..8]);
        await HubRequests.CommitAsync(api, repo, "Add a broken card", new Dictionary<string, string>
        {
            ["README.md"] = "---\nlicense: [mit\npipeline_tag: text-classification\n---\n# Broken metadata\n",
        });
        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/" + repo);
        await Assertions.Expect(page.Locator("article.card-body").GetByRole(AriaRole.Alert)).ToContainTextAsync("Invalid YAML");
        await Assertions.Expect(page.Locator("article.card-body").GetByRole(AriaRole.Heading, new() { Name = "Broken metadata" })).ToBeVisibleAsync();

        await page.GotoAsync("/" + gallery.Model);
        await Assertions.Expect(page.Locator("article.card-body").GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
    }
}
