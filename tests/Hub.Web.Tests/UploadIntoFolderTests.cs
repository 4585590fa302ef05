using System.Text.Json.Nodes;
using Hub.Testing;
using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>Upload files from a folder's page: they go into that folder, as on huggingface.co.</summary>
[Collection(EmbeddedWebCollection.Name)]
public sealed class UploadIntoFolderTests(EmbeddedWebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task Files_uploaded_from_a_folder_page_land_in_that_folder()
    {
        using var temp = new TempDirectory("web-into-folder");
        var file = Path.Combine(temp.Path, "extra.txt");
        await File.WriteAllTextAsync(file, "extra\n");
        var (_, session) = await Accounts.SignUpAsync(hub);
        using var api = hub.Client(await Accounts.CreateTokenAsync(hub, session));
        var repo = await HubRequests.CreateRepoAsync(api, "into-" + Guid.NewGuid().ToString("N")[..6]);
        await HubRequests.CommitAsync(api, repo, "Add a folder", new Dictionary<string, string> { ["sub dir/nested/keep.txt"] = "keep\n" });
        await using var context = await browser.NewContextAsync(hub.Url);
        await context.AddCookiesAsync([session]);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{repo}/tree/main/sub%20dir/nested");
        await page.GetByRole(AriaRole.Link, new() { Name = "Upload files" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upload files to main, in sub dir/nested/" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".uploader[data-ready=true]")).ToBeVisibleAsync();
        await page.Locator("#upload-files").SetInputFilesAsync(file);
        await Assertions.Expect(page.Locator("table.upload-table tbody tr[data-path='sub dir/nested/extra.txt']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Commit changes to main" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-upload-result=committed]")).ToBeVisibleAsync();

        var files = JsonNode.Parse(await api.GetStringAsync($"api/models/{repo}/tree/main?recursive=true"))!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == "file").Select(e => e!["path"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([".gitattributes", "sub dir/nested/extra.txt", "sub dir/nested/keep.txt"], files);
    }
}
