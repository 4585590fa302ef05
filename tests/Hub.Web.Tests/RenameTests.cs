using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>A repository renamed in its settings: the owner lands on the new name and old links keep working, as on huggingface.co.</summary>
[Collection(ProductionWebCollection.Name)]
public sealed class RenameTests(ProductionWebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task Renaming_in_settings_lands_on_the_new_name_without_an_error()
    {
        var (name, context) = await Accounts.SignedInContextAsync(hub, browser);
        await using (context)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/new");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("before");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create repository" }).ClickAsync();
            await page.WaitForURLAsync($"**/{name}/before/upload/main?created=true");

            await page.GotoAsync($"/{name}/before/settings");
            await page.GetByLabel("New name").FillAsync($"{name}/after");
            await page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
            await page.WaitForURLAsync($"**/{name}/after/settings");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator(".repo-header .repo-name")).ToHaveTextAsync("after");
        }
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("/tree/main/folder", "")]
    [InlineData("/blob/main/folder/notes.txt", "")]
    [InlineData("/commits/main", "?p=0")]
    public async Task Pages_under_the_old_name_of_a_renamed_repository_redirect_to_the_new_name(string suffix, string query)
    {
        var gallery = await Gallery.OfAsync(hub);
        using var api = hub.Client(gallery.Token);
        var old = await HubRequests.CreateRepoAsync(api, "old-" + Guid.NewGuid().ToString("N")[..8]);
        await HubRequests.CommitAsync(api, old, "Add notes", new Dictionary<string, string> { ["folder/notes.txt"] = "moved along\n" });
        var renamed = old.Replace("/old-", "/new-", StringComparison.Ordinal);
        var move = await api.PostAsync("api/repos/move", System.Net.Http.Json.JsonContent.Create(new { fromRepo = old, toRepo = renamed, type = "model" }));
        Assert.True(move.IsSuccessStatusCode, await move.Content.ReadAsStringAsync());

        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"/{old}{suffix}{query}");
        Assert.Equal(200, response!.Status);
        Assert.Equal($"{hub.Url}/{renamed}{suffix}{query}", page.Url);
        await Assertions.Expect(page.Locator(".repo-header .repo-name")).ToHaveTextAsync(renamed.Split('/')[1]);
    }
}
