using Hub.Web.Tests.Infrastructure;

namespace Hub.Web.Tests;

/// <summary>Long repository, folder and file names wrap instead of widening the page past a phone's screen.</summary>
[Collection(ProductionWebCollection.Name)]
public sealed class LongNameTests(ProductionWebHub hub, BrowserFixture browser)
{
    private static readonly string LongFolder = new('d', 90);
    private static readonly string LongFile = new string('f', 120) + ".txt";

    [Theory]
    [InlineData("")]
    [InlineData("/tree/main")]
    [InlineData("/tree/main/{folder}")]
    [InlineData("/blob/main/{folder}/{file}")]
    [InlineData("/commits/main")]
    public async Task Pages_with_long_names_fit_a_phone_screen(string suffix)
    {
        var gallery = await Gallery.OfAsync(hub);
        using var api = hub.Client(gallery.Token);
        var repo = await HubRequests.CreateRepoAsync(api, "long-" + new string('n', 80) + Guid.NewGuid().ToString("N")[..6]);
        await HubRequests.CommitAsync(api, repo, "Add " + new string('m', 150), new Dictionary<string, string>
        {
            [$"{LongFolder}/{LongFile}"] = "long\n",
            ["README.md"] = "# " + new string('h', 150) + "\n",
        });
        await using var context = await browser.NewContextAsync(hub.Url, BrowserFixture.Phone, phone: true);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"/{repo}{suffix.Replace("{folder}", LongFolder, StringComparison.Ordinal).Replace("{file}", LongFile, StringComparison.Ordinal)}");
        Assert.Equal(200, response!.Status);
        // On a phone the layout viewport grows to fit content wider than the screen, so compare with the screen itself.
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= BrowserFixture.Phone.Width, $"the page is {width} px wide on a {BrowserFixture.Phone.Width} px screen");
    }

    [Fact]
    public async Task Settings_of_a_long_named_repository_and_the_tokens_page_fit_a_phone_screen()
    {
        var gallery = await Gallery.OfAsync(hub);
        using var api = hub.Client(gallery.Token);
        var repo = await HubRequests.CreateRepoAsync(api, "long-" + new string('s', 80) + Guid.NewGuid().ToString("N")[..6]);
        await using var context = await browser.NewContextAsync(hub.Url, BrowserFixture.Phone, phone: true);
        await context.AddCookiesAsync([gallery.Session]);
        var page = await context.NewPageAsync();
        foreach (var path in new[] { $"/{repo}/settings", "/settings/tokens" })
        {
            Assert.Equal(200, (await page.GotoAsync(path))!.Status);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= BrowserFixture.Phone.Width, $"{path} is {width} px wide on a {BrowserFixture.Phone.Width} px screen");
        }
    }
}
