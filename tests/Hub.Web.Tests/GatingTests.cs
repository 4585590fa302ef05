using System.Net.Http.Json;
using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>
/// Gated repositories as on huggingface.co: everyone who can see the repository reads its card; the files stay closed
/// until access is granted, and the pages say so and offer to ask for it.
/// </summary>
[Collection(ProductionWebCollection.Name)]
public sealed class GatingTests(ProductionWebHub hub, BrowserFixture browser)
{
    [Theory]
    [InlineData("manual")]
    [InlineData("auto")]
    public async Task A_gated_repository_shows_its_card_to_strangers_and_lets_them_ask_for_access(string mode)
    {
        var repo = await GatedRepoAsync(mode);
        var (_, context) = await Accounts.SignedInContextAsync(hub, browser);
        await using (context)
        {
            var page = await context.NewPageAsync();
            Assert.Equal(200, (await page.GotoAsync("/" + repo))!.Status);
            var card = page.Locator("article.card-body");
            await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = "Gated card" })).ToBeVisibleAsync();
            await Assertions.Expect(card).Not.ToContainTextAsync("No card yet");
            await Assertions.Expect(card).ToContainTextAsync("is gated");

            await page.GotoAsync($"/{repo}/blob/main/notes.txt");
            await Assertions.Expect(page.Locator(".file-view")).ToContainTextAsync("is gated");
            await page.GetByRole(AriaRole.Button, new() { Name = "Request access" }).ClickAsync();
            if (mode == "auto")
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Access granted");
                await page.GotoAsync($"/{repo}/blob/main/notes.txt");
                await Assertions.Expect(page.Locator(".file-view pre code")).ToContainTextAsync("closed notes");
            }
            else
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("awaiting review");
            }
        }
    }

    [Fact]
    public async Task Anonymous_visitors_of_a_gated_repository_read_its_card_and_are_asked_to_log_in()
    {
        var repo = await GatedRepoAsync("manual");
        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/" + repo);
        await Assertions.Expect(page.Locator("article.card-body").GetByRole(AriaRole.Heading, new() { Name = "Gated card" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("article.card-body").GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToHaveAttributeAsync("href", "/login?returnUrl=" + Uri.EscapeDataString("/" + repo));
    }

    private async Task<string> GatedRepoAsync(string mode)
    {
        var gallery = await Gallery.OfAsync(hub);
        using var api = hub.Client(gallery.Token);
        var repo = await HubRequests.CreateRepoAsync(api, "gated-" + Guid.NewGuid().ToString("N")[..8]);
        await HubRequests.CommitAsync(api, repo, "Add the card", new Dictionary<string, string>
        {
            ["README.md"] = "---\nlicense: mit\n---\n# Gated card\n\nAsk first.\n",
            ["notes.txt"] = "closed notes\n",
        });
        var settings = await api.PutAsync($"api/models/{repo}/settings", JsonContent.Create(new { gated = mode }));
        Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync());
        return repo;
    }
}
