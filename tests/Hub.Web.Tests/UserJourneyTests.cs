using System.Security.Cryptography;
using Hub.Testing;
using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>The first scenario, end to end in Chromium against the hub on PostgreSQL + Ceph RGW.</summary>
[Collection(ProductionWebCollection.Name)]
public sealed class UserJourneyTests(ProductionWebHub hub, BrowserFixture browser)
{
    private const string Readme = """
        ---
        license: apache-2.0
        pipeline_tag: text-classification
        library_name: transformers
        language:
        - en
        datasets:
        - imdb
        ---
        # Journey model

        A model uploaded **from the browser**. See [the config](config.json).

        | metric | value |
        |--------|-------|
        | accuracy | 0.93 |
        """;

    [Fact]
    public async Task New_user_signs_up_uploads_a_model_in_the_browser_downloads_it_intact_and_clones_it_with_a_token()
    {
        using var temp = new TempDirectory("web-journey");
        var weights = RandomNumberGenerator.GetBytes(60 * 1024 * 1024);
        var weightsPath = Path.Combine(temp.Path, "model.safetensors");
        var readmePath = Path.Combine(temp.Path, "README.md");
        await File.WriteAllBytesAsync(weightsPath, weights);
        await File.WriteAllTextAsync(readmePath, Readme);
        var name = Accounts.NewName("journey");

        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();

        await Artifacts.OnFailureAsync(page, "journey", async () =>
        {
            // Sign up: the account page leads to "new repository".
            await page.GotoAsync("/join");
            await page.GetByLabel("Username").FillAsync(name);
            await page.GetByLabel("Password").FillAsync(Accounts.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
            await page.WaitForURLAsync("**/new?welcome=1");
            await Assertions.Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync(name);

            // Create a model repository.
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("journey-model");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create repository" }).ClickAsync();
            await page.WaitForURLAsync($"**/{name}/journey-model/upload/main?created=true");

            // Upload the card and 60 MB of weights; hold a few parts in flight to see progress mid-way.
            var gate = new PartGate();
            await gate.AttachAsync(page);
            gate.Hold(part => part > 4, abortWhenReleased: false);
            await Assertions.Expect(page.Locator(".uploader[data-ready=true]")).ToBeVisibleAsync();
            await page.Locator("#upload-files").SetInputFilesAsync([readmePath, weightsPath]);
            await Assertions.Expect(page.Locator("tr[data-path='model.safetensors']")).ToBeVisibleAsync();
            await page.GetByLabel("Commit message").FillAsync("Add the journey model");
            await page.GetByRole(AriaRole.Button, new() { Name = "Commit changes to main" }).ClickAsync();
            await gate.WaitForFinishedAsync(4, TimeSpan.FromSeconds(60));
            var progress = page.GetByLabel("Progress of model.safetensors");
            await Assertions.Expect(progress).Not.ToHaveAttributeAsync("value", "0");
            var midway = int.Parse((await progress.GetAttributeAsync("value"))!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(midway, 1, 99);
            await Artifacts.ScreenshotAsync(page, "upload-in-progress-desktop");
            // The same upload at phone width: the progress bars are still shown.
            await page.SetViewportSizeAsync(BrowserFixture.Phone.Width, BrowserFixture.Phone.Height);
            await progress.ScrollIntoViewIfNeededAsync();
            await Assertions.Expect(progress).ToBeVisibleAsync();
            await Artifacts.ScreenshotAsync(page, "upload-in-progress-phone");
            await page.SetViewportSizeAsync(BrowserFixture.Desktop.Width, BrowserFixture.Desktop.Height);
            gate.Release();
            await Assertions.Expect(page.Locator("[data-upload-result=committed]")).ToBeVisibleAsync(new() { Timeout = 120_000 });
            await gate.WaitForFinishedAsync(12, TimeSpan.FromSeconds(10));
            Assert.Equal(Enumerable.Range(1, 12), gate.Finished);

            // The rendered card and the sidebar.
            await page.GotoAsync($"/{name}/journey-model");
            var card = page.Locator("article.card-body");
            await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = "Journey model" })).ToBeVisibleAsync();
            await Assertions.Expect(card.Locator("strong")).ToHaveTextAsync("from the browser");
            await Assertions.Expect(card.Locator("table")).ToContainTextAsync("0.93");
            await Assertions.Expect(card).Not.ToContainTextAsync("license: apache-2.0");
            await Assertions.Expect(page.Locator(".repo-sidebar")).ToContainTextAsync("apache-2.0");
            await Assertions.Expect(page.Locator(".repo-sidebar")).ToContainTextAsync("text-classification");

            // The file, with its size and LFS badge, downloads byte for byte.
            await page.GetByRole(AriaRole.Link, new() { Name = "Files" }).ClickAsync();
            var row = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "model.safetensors" }) });
            await Assertions.Expect(row).ToContainTextAsync("62.9 MB");
            await Assertions.Expect(row.GetByText("LFS", new() { Exact = true })).ToBeVisibleAsync();
            var download = await page.RunAndWaitForDownloadAsync(() => row.GetByRole(AriaRole.Link, new() { Name = "Download model.safetensors" }).ClickAsync());
            var downloaded = Path.Combine(temp.Path, "downloaded.bin");
            await download.SaveAsAsync(downloaded);
            Assert.Equal(HubRequests.Sha256(weights), HubRequests.Sha256(await File.ReadAllBytesAsync(downloaded)));

            // A write token, shown once, clones the repository with git (and git-lfs for the weights).
            await page.GotoAsync("/settings/tokens");
            await page.GetByLabel("Name").FillAsync("laptop");
            await page.GetByLabel("Write: also upload").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
            var token = (await page.Locator("#new-token").TextContentAsync())!.Trim();
            Assert.StartsWith("hf_", token, StringComparison.Ordinal);
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("#new-token")).ToHaveCountAsync(0);

            var remote = new UriBuilder(hub.Url) { UserName = name, Password = token, Path = $"/{name}/journey-model" }.Uri.ToString();
            var clone = Path.Combine(temp.Path, "clone");
            var (code, output) = await ProcessRunner.RunAsync("git", ["clone", remote, clone], temp.Path, new Dictionary<string, string> { ["GIT_TERMINAL_PROMPT"] = "0" });
            Assert.True(code == 0, output);
            Assert.Equal(HubRequests.Sha256(weights), HubRequests.Sha256(await File.ReadAllBytesAsync(Path.Combine(clone, "model.safetensors"))));
            Assert.Equal(Readme.ReplaceLineEndings("\n"), (await File.ReadAllTextAsync(Path.Combine(clone, "README.md"))).ReplaceLineEndings("\n"));
        });
    }
}
