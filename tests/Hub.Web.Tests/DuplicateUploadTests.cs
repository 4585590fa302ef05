using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Hub.Testing;
using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>Several picked files with the same content (copies of a checkpoint's files) upload once and commit each path.</summary>
[Collection(ProductionWebCollection.Name)]
public sealed class DuplicateUploadTests(ProductionWebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task Identical_large_files_under_different_names_upload_once_and_are_all_committed()
    {
        using var temp = new TempDirectory("web-duplicates");
        var multipart = RandomNumberGenerator.GetBytes(12 * 1024 * 1024);
        var basic = RandomNumberGenerator.GetBytes(3 * 1024 * 1024);
        var paths = new[] { "a.bin", "b.bin", "c.bin", "d.bin" }.Select(n => Path.Combine(temp.Path, n)).ToArray();
        await File.WriteAllBytesAsync(paths[0], multipart);
        await File.WriteAllBytesAsync(paths[1], multipart);
        await File.WriteAllBytesAsync(paths[2], basic);
        await File.WriteAllBytesAsync(paths[3], basic);
        var (_, session) = await Accounts.SignUpAsync(hub);
        using var api = hub.Client(await Accounts.CreateTokenAsync(hub, session));
        var repo = await HubRequests.CreateRepoAsync(api, "dupes-" + Guid.NewGuid().ToString("N")[..6]);
        await using var context = await browser.NewContextAsync(hub.Url);
        await context.AddCookiesAsync([session]);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{repo}/upload/main");
        await Assertions.Expect(page.Locator(".uploader[data-ready=true]")).ToBeVisibleAsync();
        await page.Locator("#upload-files").SetInputFilesAsync(paths);
        await page.GetByRole(AriaRole.Button, new() { Name = "Commit changes to main" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-upload-result=committed]").Or(page.GetByRole(AriaRole.Alert))).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("table.upload-table tbody tr[data-status=done]")).ToHaveCountAsync(4);

        var tree = JsonNode.Parse(await api.GetStringAsync($"api/models/{repo}/tree/main"))!.AsArray();
        foreach (var (name, content) in new[] { ("a.bin", multipart), ("b.bin", multipart), ("c.bin", basic), ("d.bin", basic) })
        {
            var entry = tree.Single(e => e!["path"]!.GetValue<string>() == name)!;
            Assert.Equal(HubRequests.Sha256(content), entry["lfs"]!["oid"]!.GetValue<string>());
        }
        using var plain = new HttpClient();
        Assert.Equal(HubRequests.Sha256(multipart), HubRequests.Sha256(await plain.GetByteArrayAsync($"{hub.Url}/{repo}/resolve/main/b.bin")));
    }
}
