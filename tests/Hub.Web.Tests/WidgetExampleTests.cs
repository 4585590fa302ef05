using Hub.Web.Tests.Infrastructure;

namespace Hub.Web.Tests;

/// <summary>The widget starts from the card's own <c>widget</c> examples, as on huggingface.co, not from a generic sentence.</summary>
[Collection(ProductionWebCollection.Name)]
public sealed class WidgetExampleTests(ProductionWebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task The_widget_input_is_the_first_example_of_the_card()
    {
        var gallery = await Gallery.OfAsync(hub);
        using var api = hub.Client(gallery.Token);
        var repo = await HubRequests.CreateRepoAsync(api, "examples-" + Guid.NewGuid().ToString("N")[..8]);
        await HubRequests.CommitAsync(api, repo, "Add the card", new Dictionary<string, string>
        {
            ["README.md"] = "---\npipeline_tag: text-classification\nwidget:\n  - text: \"This hub keeps my models close.\"\n  - text: Second example\n---\n# Classifier\n",
        });
        var similarity = await HubRequests.CreateRepoAsync(api, "examples-" + Guid.NewGuid().ToString("N")[..8]);
        await HubRequests.CommitAsync(api, similarity, "Add the card", new Dictionary<string, string>
        {
            ["README.md"] = "---\npipeline_tag: sentence-similarity\nwidget:\n  - source_sentence: Cats sleep a lot.\n    sentences: [Dogs bark., Kittens nap often.]\n---\n# Embeddings\n",
        });

        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/" + repo);
        Assert.Equal("This hub keeps my models close.", await page.Locator("#widget-text").InputValueAsync());
        await page.GotoAsync("/" + similarity);
        Assert.Equal("Cats sleep a lot.", await page.Locator("#widget-source").InputValueAsync());
        Assert.Equal("Dogs bark.\nKittens nap often.", await page.Locator("#widget-sentences").InputValueAsync());
    }
}
