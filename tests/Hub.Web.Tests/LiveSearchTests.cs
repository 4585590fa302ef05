using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>Search as you type keeps the whole list page consistent: facets and filter links follow the typed search.</summary>
[Collection(ProductionWebCollection.Name)]
public sealed class LiveSearchTests(ProductionWebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task A_facet_clicked_after_typing_a_search_keeps_the_search()
    {
        var gallery = await Gallery.OfAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/models");
        await page.GetByLabel("Filter models by name").FillAsync("sentence-mod");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("search=sentence-mod"));
        await page.Locator(".facets").GetByRole(AriaRole.Link, new() { Name = "sentence-similarity" }).First.ClickAsync();
        await page.WaitForURLAsync("**pipeline_tag=sentence-similarity**");
        Assert.Contains("search=sentence-mod", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#results").GetByRole(AriaRole.Link, new() { Name = gallery.Model })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Facet_counts_follow_the_typed_search()
    {
        await Gallery.OfAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/models");
        var facet = page.Locator(".facets").GetByRole(AriaRole.Link, new() { Name = "sentence-similarity" });
        await Assertions.Expect(facet.First).ToBeVisibleAsync();
        await page.GetByLabel("Filter models by name").FillAsync("no-such-model-anywhere");
        await Assertions.Expect(page.Locator("#results")).ToContainTextAsync("No models match.");
        await Assertions.Expect(facet).ToHaveCountAsync(0);
    }
}
