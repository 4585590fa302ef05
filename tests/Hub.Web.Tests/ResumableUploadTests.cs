using System.Security.Cryptography;
using Hub.Testing;
using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>
/// A browser upload interrupted by a page reload resumes: the batch answer lists the parts already stored, and the page
/// sends only the others. On both hubs: parts to presigned S3 URLs (Ceph RGW) and to signed hub URLs (filesystem).
/// </summary>
public abstract class ResumableUploadTests(WebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task Upload_interrupted_by_a_page_reload_resumes_without_sending_finished_parts_again()
    {
        using var temp = new TempDirectory("web-resume");
        var weights = RandomNumberGenerator.GetBytes(60 * 1024 * 1024);
        var path = Path.Combine(temp.Path, "weights.bin");
        await File.WriteAllBytesAsync(path, weights);
        var (user, session) = await Accounts.SignUpAsync(hub);
        using var api = hub.Client(await Accounts.CreateTokenAsync(hub, session));
        var repo = await HubRequests.CreateRepoAsync(api, "resume-" + Guid.NewGuid().ToString("N")[..6]);
        await using var context = await browser.NewContextAsync(hub.Url);
        await context.AddCookiesAsync([session]);
        var page = await context.NewPageAsync();
        var gate = new PartGate();
        await gate.AttachAsync(page);

        // Parts 1-3 get through; the rest stay in flight until the page reloads under them.
        gate.Hold(part => part > 3, abortWhenReleased: true);
        await page.GotoAsync($"/{repo}/upload/main");
        await Assertions.Expect(page.Locator(".uploader[data-ready=true]")).ToBeVisibleAsync();
        await page.Locator("#upload-files").SetInputFilesAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = "Commit changes to main" }).ClickAsync();
        await gate.WaitForFinishedAsync(3, TimeSpan.FromSeconds(60));
        var before = gate.Finished.ToHashSet();
        Assert.Equal([1, 2, 3], before.Order());
        gate.ForgetSent();
        await page.ReloadAsync();
        gate.Release();

        // The page remembers the unfinished upload; picking the same file again finishes it.
        await Assertions.Expect(page.GetByText("did not finish")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".uploader[data-ready=true]")).ToBeVisibleAsync();
        await page.Locator("#upload-files").SetInputFilesAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = "Commit changes to main" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-upload-result=committed]")).ToBeVisibleAsync(new() { Timeout = 120_000 });

        var resent = gate.Sent.Distinct().Order().ToList();
        Assert.Empty(resent.Intersect(before));
        Assert.Equal(Enumerable.Range(4, 9), resent);
        var download = await new HttpClient().GetByteArrayAsync($"{hub.Url}/{repo}/resolve/main/weights.bin");
        Assert.Equal(HubRequests.Sha256(weights), HubRequests.Sha256(download));
        Assert.NotNull(user);
    }
}

[Collection(ProductionWebCollection.Name)]
public sealed class ResumableUploadToS3Tests(ProductionWebHub hub, BrowserFixture browser) : ResumableUploadTests(hub, browser);

[Collection(EmbeddedWebCollection.Name)]
public sealed class ResumableUploadToHubTests(EmbeddedWebHub hub, BrowserFixture browser) : ResumableUploadTests(hub, browser);
