using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>A card's table of contents works: its #section links scroll to the section, as on huggingface.co.</summary>
[Collection(ProductionWebCollection.Name)]
public sealed class CardAnchorTests(ProductionWebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task A_table_of_contents_link_in_the_card_scrolls_to_its_section()
    {
        var gallery = await Gallery.OfAsync(hub);
        using var api = hub.Client(gallery.Token);
        var repo = await HubRequests.CreateRepoAsync(api, "toc-" + Guid.NewGuid().ToString("N")[..8]);
        var filler = string.Concat(Enumerable.Repeat("A paragraph that takes room on the page.\n\n", 80));
        await HubRequests.CommitAsync(api, repo, "Add the card", new Dictionary<string, string>
        {
            ["README.md"] = $"# Model\n\n- [Training data](#training-data)\n\n{filler}## Training data\n\nWhat it learnt from.\n",
        });
        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/" + repo);
        var section = page.Locator("article.card-body").GetByRole(AriaRole.Heading, new() { Name = "Training data" });
        await Assertions.Expect(section).Not.ToBeInViewportAsync();
        await page.Locator("article.card-body").GetByRole(AriaRole.Link, new() { Name = "Training data" }).ClickAsync();
        await Assertions.Expect(section).ToBeInViewportAsync();
        Assert.Equal($"{hub.Url}/{repo}#training-data", page.Url);
    }
}
