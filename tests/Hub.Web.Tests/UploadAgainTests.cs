using System.Text.Json.Nodes;
using Hub.Testing;
using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>Uploading again on the same page after a commit: the next commit holds only the files picked since.</summary>
[Collection(EmbeddedWebCollection.Name)]
public sealed class UploadAgainTests(EmbeddedWebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task A_second_upload_on_the_same_page_commits_only_the_new_files_and_does_not_bring_back_deleted_ones()
    {
        using var temp = new TempDirectory("web-again");
        var first = Path.Combine(temp.Path, "first.txt");
        var second = Path.Combine(temp.Path, "second.txt");
        await File.WriteAllTextAsync(first, "first\n");
        await File.WriteAllTextAsync(second, "second\n");
        var (_, session) = await Accounts.SignUpAsync(hub);
        using var api = hub.Client(await Accounts.CreateTokenAsync(hub, session));
        var repo = await HubRequests.CreateRepoAsync(api, "again-" + Guid.NewGuid().ToString("N")[..6]);
        await using var context = await browser.NewContextAsync(hub.Url);
        await context.AddCookiesAsync([session]);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{repo}/upload/main");
        await Assertions.Expect(page.Locator(".uploader[data-ready=true]")).ToBeVisibleAsync();
        await page.Locator("#upload-files").SetInputFilesAsync(first);
        await page.GetByRole(AriaRole.Button, new() { Name = "Commit changes to main" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-upload-result=committed]")).ToBeVisibleAsync();

        // Someone removes the first file meanwhile; the page is still open.
        await HubRequests.CommitAsync(api, repo, "Remove first.txt", new Dictionary<string, string>(), deletions: ["first.txt"]);

        await page.Locator("#upload-files").SetInputFilesAsync(second);
        await Assertions.Expect(page.Locator("table.upload-table tbody tr")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Commit changes to main" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-upload-result=committed]")).ToBeVisibleAsync();

        var commits = JsonNode.Parse(await api.GetStringAsync($"api/models/{repo}/commits/main"))!.AsArray();
        Assert.Equal("Upload second.txt", commits[0]!["title"]!.GetValue<string>());
        var files = JsonNode.Parse(await api.GetStringAsync($"api/models/{repo}/tree/main"))!.AsArray()
            .Select(e => e!["path"]!.GetValue<string>()).Order().ToList();
        Assert.Equal([".gitattributes", "second.txt"], files);
    }
}
