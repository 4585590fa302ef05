using System.Net.Http.Json;
using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>
/// The main pages at desktop and phone widths, in the light and the dark theme (following the system setting): each is
/// saved as a screenshot under TestResults/screenshots and passes the axe-style check (labels, alt texts, names,
/// landmarks, contrast).
/// </summary>
[Collection(ProductionWebCollection.Name)]
public sealed class AccessibilityTests(ProductionWebHub hub, BrowserFixture browser)
{
    public static TheoryData<string, string, bool> Pages()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (layout, dark) in new[] { ("desktop", false), ("phone", true) })
        {
            foreach (var page in new[] { "home", "models", "repo", "files", "file-json", "commits", "commit-diff", "dataset-csv", "upload", "tokens", "new-repo", "login", "not-found", "widget", "discussions", "discussion" })
                data.Add(page, layout, dark);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Main_pages_pass_the_accessibility_check_and_are_captured(string name, string layout, bool dark)
    {
        var gallery = await Gallery.OfAsync(hub);
        var phone = layout == "phone";
        await using var context = await browser.NewContextAsync(hub.Url, phone ? BrowserFixture.Phone : BrowserFixture.Desktop, dark ? ColorScheme.Dark : ColorScheme.Light, phone);
        await context.AddCookiesAsync([gallery.Session]);
        var page = await context.NewPageAsync();
        var discussionRepo = name is "discussions" or "discussion" ? await PullRequestRepoAsync(gallery) : null;
        var path = name switch
        {
            "discussions" => $"/{discussionRepo}/discussions",
            "discussion" => $"/{discussionRepo}/discussions/1",
            "home" => "/",
            "models" => "/models?sort=updated",
            "repo" or "widget" => "/" + gallery.Model,
            "files" => $"/{gallery.Model}/tree/main",
            "file-json" => $"/{gallery.Model}/blob/main/config.json",
            "commits" => $"/{gallery.Model}/commits/main",
            "commit-diff" => $"/{gallery.Model}/commit/{gallery.SecondCommit}",
            "dataset-csv" => $"/datasets/{gallery.Dataset}/blob/main/data/train.csv",
            "upload" => $"/{gallery.Model}/upload/main",
            "tokens" => "/settings/tokens",
            "new-repo" => "/new",
            "login" => "/login",
            _ => "/no/such/page/here",
        };
        if (name == "login") await context.ClearCookiesAsync();
        var response = await page.GotoAsync(path);
        Assert.Equal(name == "not-found" ? 404 : 200, response!.Status);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (name == "upload") await Assertions.Expect(page.Locator(".uploader[data-ready=true]")).ToBeVisibleAsync();
        if (name == "discussion") await Assertions.Expect(page.Locator("article.diff-file")).ToHaveCountAsync(1);
        if (name == "commit-diff") await Assertions.Expect(page.Locator("article.diff-file")).ToHaveCountAsync(1);
        if (name == "widget")
        {
            // The gallery model's weights are random bytes: the widget shows the hub's error (WidgetTests run real models).
            var widget = page.Locator("[data-widget]");
            await widget.ScrollIntoViewIfNeededAsync();
            await widget.GetByRole(AriaRole.Button, new() { Name = "Compute" }).ClickAsync();
            await Assertions.Expect(widget.Locator(".widget-output")).Not.ToBeEmptyAsync();
        }
        await Artifacts.ScreenshotAsync(page, $"{name}-{layout}{(dark ? "-dark" : "")}");
        await AccessibilityCheck.AssertNoViolationsAsync(page, $"{name} ({layout}, {(dark ? "dark" : "light")})");
    }

    /// <summary>A repository of the gallery's owner with one pull request (a file and a comment), for the Community pages.</summary>
    private async Task<string> PullRequestRepoAsync(Gallery gallery)
    {
        using var api = hub.Client(await Accounts.CreateTokenAsync(hub, gallery.Session));
        var repo = await HubRequests.CreateRepoAsync(api, "a11y-pr-" + Guid.NewGuid().ToString("N")[..8]);
        var lines = new[]
        {
            System.Text.Json.JsonSerializer.Serialize(new { key = "header", value = new { summary = "Add notes", description = "" } }),
            System.Text.Json.JsonSerializer.Serialize(new { key = "file", value = new { path = "notes.md", content = Convert.ToBase64String("# Notes\nA line.\n"u8.ToArray()), encoding = "base64" } }),
        };
        var commit = await api.PostAsync($"api/models/{repo}/commit/main?create_pr=1", new StringContent(string.Join("\n", lines) + "\n", System.Text.Encoding.UTF8, "application/x-ndjson"));
        Assert.True(commit.IsSuccessStatusCode, await commit.Content.ReadAsStringAsync());
        var comment = await api.PostAsync($"api/models/{repo}/discussions/1/comment", JsonContent.Create(new { comment = "Looks good to me." }));
        Assert.True(comment.IsSuccessStatusCode, await comment.Content.ReadAsStringAsync());
        return repo;
    }
}
