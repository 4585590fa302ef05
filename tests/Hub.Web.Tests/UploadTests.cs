using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Hub.Testing;
using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>Browser uploads on the embedded hub (filesystem store, signed hub URLs): folders, pause and resume.</summary>
[Collection(EmbeddedWebCollection.Name)]
public sealed class UploadTests(EmbeddedWebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task Folder_upload_commits_every_nested_file_in_one_commit()
    {
        using var temp = new TempDirectory("web-folder");
        var folder = Path.Combine(temp.Path, "checkpoint");
        Directory.CreateDirectory(Path.Combine(folder, "tokenizer"));
        var weights = RandomNumberGenerator.GetBytes(12 * 1024 * 1024);
        await File.WriteAllBytesAsync(Path.Combine(folder, "weights.bin"), weights);
        await File.WriteAllTextAsync(Path.Combine(folder, "config.json"), "{\"a\": 1}");
        await File.WriteAllTextAsync(Path.Combine(folder, "tokenizer", "vocab.txt"), "[PAD]\n[UNK]\nhello\n");
        var (session, api, repo) = await NewRepoAsync();
        await using var context = await browser.NewContextAsync(hub.Url);
        await context.AddCookiesAsync([session]);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{repo}/upload/main");
        await Assertions.Expect(page.Locator(".uploader[data-ready=true]")).ToBeVisibleAsync();
        await page.Locator("#upload-folder").SetInputFilesAsync(folder);
        await Assertions.Expect(page.Locator("table.upload-table tbody tr")).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Button, new() { Name = "Commit changes to main" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-upload-result=committed]")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        var commits = JsonNode.Parse(await api.GetStringAsync($"api/models/{repo}/commits/main"))!.AsArray();
        Assert.Equal(2, commits.Count);
        Assert.Equal("Upload 3 files", commits[0]!["title"]!.GetValue<string>());
        var files = JsonNode.Parse(await api.GetStringAsync($"api/models/{repo}/tree/main?recursive=true"))!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == "file").Select(e => e!["path"]!.GetValue<string>()).Order().ToList();
        Assert.Equal([".gitattributes", "checkpoint/config.json", "checkpoint/tokenizer/vocab.txt", "checkpoint/weights.bin"], files);
        Assert.Equal(HubRequests.Sha256(weights), HubRequests.Sha256(await api.GetByteArrayAsync($"{repo}/resolve/main/checkpoint/weights.bin")));
        Assert.Equal("[PAD]\n[UNK]\nhello\n", await api.GetStringAsync($"{repo}/resolve/main/checkpoint/tokenizer/vocab.txt"));
    }

    [Fact]
    public async Task Pause_keeps_finished_parts_and_resume_sends_only_the_rest()
    {
        using var temp = new TempDirectory("web-pause");
        var weights = RandomNumberGenerator.GetBytes(30 * 1024 * 1024);
        var path = Path.Combine(temp.Path, "model.bin");
        await File.WriteAllBytesAsync(path, weights);
        var (session, api, repo) = await NewRepoAsync();
        await using var context = await browser.NewContextAsync(hub.Url);
        await context.AddCookiesAsync([session]);
        var page = await context.NewPageAsync();
        var gate = new PartGate();
        await gate.AttachAsync(page);
        gate.Hold(part => part > 2, abortWhenReleased: false);
        await page.GotoAsync($"/{repo}/upload/main");
        await Assertions.Expect(page.Locator(".uploader[data-ready=true]")).ToBeVisibleAsync();
        await page.Locator("#upload-files").SetInputFilesAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = "Commit changes to main" }).ClickAsync();
        await gate.WaitForFinishedAsync(2, TimeSpan.FromSeconds(60));
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Paused.")).ToBeVisibleAsync();
        gate.Release();
        gate.ForgetSent();

        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-upload-result=committed]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var resent = gate.Sent.Distinct().Order().ToList();
        Assert.DoesNotContain(1, resent);
        Assert.DoesNotContain(2, resent);
        Assert.Equal(Enumerable.Range(3, 4), resent);
        Assert.Equal(HubRequests.Sha256(weights), HubRequests.Sha256(await api.GetByteArrayAsync($"{repo}/resolve/main/model.bin")));
    }

    private async Task<(Cookie Session, HttpClient Api, string Repo)> NewRepoAsync()
    {
        var (_, session) = await Accounts.SignUpAsync(hub);
        var api = hub.Client(await Accounts.CreateTokenAsync(hub, session));
        var repo = await HubRequests.CreateRepoAsync(api, "upload-" + Guid.NewGuid().ToString("N")[..6]);
        return (session, api, repo);
    }
}
