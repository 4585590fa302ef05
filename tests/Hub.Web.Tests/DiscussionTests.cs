using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>The Community tab: discussions and pull requests of the API, read and changed through the UI.</summary>
[Collection(EmbeddedWebCollection.Name)]
public sealed class DiscussionTests(EmbeddedWebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task A_pull_request_made_by_a_create_pr_commit_is_listed_and_its_page_shows_the_diff()
    {
        using var api = hub.Client(hub.AdminToken);
        var repo = await HubRequests.CreateRepoAsync(api, "disc-pr-" + Guid.NewGuid().ToString("N")[..8]);
        await CreatePullRequestAsync(api, repo, "Add the <proposal>", "proposal.txt", "first line\n<script>alert(1)</script>\n");

        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/" + repo);
        var tab = page.Locator("nav.tabs").GetByRole(AriaRole.Link, new() { Name = "Community" });
        await Assertions.Expect(tab).ToContainTextAsync("1");
        await tab.ClickAsync();
        var item = page.Locator(".discussion-item");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item).ToContainTextAsync("pull request");
        await Assertions.Expect(item).ToContainTextAsync("Add the <proposal>");

        await item.GetByRole(AriaRole.Link, new() { Name = "Add the <proposal>" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/discussions/1$"));
        await Assertions.Expect(page.Locator(".discussion-target")).ToHaveTextAsync("main");
        var file = page.Locator("article.diff-file");
        await Assertions.Expect(file).ToContainTextAsync("proposal.txt");
        await Assertions.Expect(file.Locator("tr.diff-added")).ToHaveCountAsync(2);
        await Assertions.Expect(file).ToContainTextAsync("<script>alert(1)</script>");
        Assert.Equal(0, await page.Locator("main script").CountAsync());
        Assert.Equal(0, await page.Locator("main proposal").CountAsync());
    }

    [Fact]
    public async Task A_signed_in_user_opens_a_discussion_and_comments_and_the_text_stays_text()
    {
        using var api = hub.Client(hub.AdminToken);
        var repo = await HubRequests.CreateRepoAsync(api, "disc-ui-" + Guid.NewGuid().ToString("N")[..8]);
        var (name, context) = await Accounts.SignedInContextAsync(hub, browser);
        await using (context)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync($"/{repo}/discussions");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("No open discussions yet.");
            await page.GetByRole(AriaRole.Link, new() { Name = "New discussion" }).ClickAsync();
            await page.GetByLabel("Title").FillAsync("Question about <b>weights</b>");
            await page.GetByLabel("Description").FillAsync("Where do the weights come from?\n<img src=x onerror=alert(1)>");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create discussion" }).ClickAsync();

            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/discussions/1$"));
            await Assertions.Expect(page.Locator(".discussion-heading")).ToHaveTextAsync("Question about <b>weights</b>");
            var first = page.Locator(".discussion-comment").First;
            await Assertions.Expect(first).ToContainTextAsync(name);
            await Assertions.Expect(first).ToContainTextAsync("<img src=x onerror=alert(1)>");
            Assert.Equal(0, await page.Locator("main img, main b").CountAsync());

            await page.GetByLabel("Comment", new() { Exact = true }).FillAsync("Found it in the card.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator(".discussion-comment")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator(".discussion-comment").Nth(1)).ToContainTextAsync("Found it in the card.");

            // The author may close it; the list then shows it under Closed.
            await page.GetByRole(AriaRole.Button, new() { Name = "Close discussion" }).ClickAsync();
            await Assertions.Expect(page.Locator(".discussion-header .discussion-status")).ToHaveTextAsync("closed");
            await Assertions.Expect(page.Locator(".discussion-event-status-change")).ToContainTextAsync("closed");
            await page.GotoAsync($"/{repo}/discussions?status=closed");
            await Assertions.Expect(page.Locator(".discussion-item")).ToContainTextAsync("Question about <b>weights</b>");
        }

        using var anonymous = hub.Client();
        var details = await anonymous.GetFromJsonAsync<JsonObject>($"api/models/{repo}/discussions/1");
        Assert.Equal("closed", details!["status"]!.GetValue<string>());
        Assert.Equal(name, details["author"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_writer_merges_a_pull_request_in_the_ui_and_the_file_appears_on_main()
    {
        var (owner, session) = await Accounts.SignUpAsync(hub);
        var token = await Accounts.CreateTokenAsync(hub, session);
        using var api = hub.Client(token);
        var repo = await HubRequests.CreateRepoAsync(api, "disc-merge-" + Guid.NewGuid().ToString("N")[..8]);
        await CreatePullRequestAsync(api, repo, "Add merged.txt", "merged.txt", "merged content\n");
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{repo}/resolve/main/merged.txt")).StatusCode);

        await using var context = await browser.NewContextAsync(hub.Url);
        await context.AddCookiesAsync([session]);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{repo}/discussions/1");
        await Assertions.Expect(page.Locator(".discussion-header")).ToContainTextAsync(owner);
        await page.GetByRole(AriaRole.Button, new() { Name = "Merge into main" }).ClickAsync();
        await Assertions.Expect(page.Locator(".discussion-header .discussion-status")).ToHaveTextAsync("merged");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Merge into main" })).ToHaveCountAsync(0);

        using var anonymous = hub.Client();
        var raw = await anonymous.GetAsync($"{repo}/raw/main/merged.txt");
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal("merged content\n", await raw.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_in_reader_may_comment_but_sees_no_merge_or_close_button_on_another_s_pull_request()
    {
        using var api = hub.Client(hub.AdminToken);
        var repo = await HubRequests.CreateRepoAsync(api, "disc-reader-" + Guid.NewGuid().ToString("N")[..8]);
        await CreatePullRequestAsync(api, repo, "Reader cannot merge", "r.txt", "r\n");
        var (_, context) = await Accounts.SignedInContextAsync(hub, browser);
        await using (context)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync($"/{repo}/discussions/1");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Merge into main" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Close pull request" })).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task A_merge_the_api_refuses_shows_its_message()
    {
        var (_, session) = await Accounts.SignUpAsync(hub);
        var token = await Accounts.CreateTokenAsync(hub, session);
        using var api = hub.Client(token);
        var repo = await HubRequests.CreateRepoAsync(api, "disc-refused-" + Guid.NewGuid().ToString("N")[..8]);
        await CreatePullRequestAsync(api, repo, "Closed meanwhile", "c.txt", "c\n");

        await using var context = await browser.NewContextAsync(hub.Url);
        await context.AddCookiesAsync([session]);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{repo}/discussions/1");
        var closed = await api.PostAsJsonAsync($"api/models/{repo}/discussions/1/status", new { status = "closed" });
        Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync());
        var merge = await api.PostAsJsonAsync($"api/models/{repo}/discussions/1/merge", new { });
        var message = (await merge.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>();

        await page.GetByRole(AriaRole.Button, new() { Name = "Merge into main" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(message);
    }

    [Theory]
    [InlineData("/discussions")]
    [InlineData("/discussions/1")]
    [InlineData("/discussions/new")]
    public async Task A_private_repository_s_discussions_are_not_found_for_others(string suffix)
    {
        using var api = hub.Client(hub.AdminToken);
        var repo = await HubRequests.CreateRepoAsync(api, "disc-private-" + Guid.NewGuid().ToString("N")[..8], isPrivate: true);
        var created = await api.PostAsJsonAsync($"api/models/{repo}/discussions", new { title = "Secret plans", description = "hidden" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        var (_, stranger) = await Accounts.SignedInContextAsync(hub, browser);
        await using (stranger)
        {
            var page = await stranger.NewPageAsync();
            Assert.Equal(404, (await page.GotoAsync($"/{repo}{suffix}"))!.Status);
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Secret plans");
        }
        await using var anonymous = await browser.NewContextAsync(hub.Url);
        var anonymousPage = await anonymous.NewPageAsync();
        Assert.Equal(404, (await anonymousPage.GotoAsync($"/{repo}{suffix}"))!.Status);
        await Assertions.Expect(anonymousPage.Locator("main")).Not.ToContainTextAsync("Secret plans");
    }

    private static async Task CreatePullRequestAsync(HttpClient api, string repo, string summary, string path, string content)
    {
        var lines = new[]
        {
            JsonSerializer.Serialize(new { key = "header", value = new { summary, description = "" } }),
            JsonSerializer.Serialize(new { key = "file", value = new { path, content = Convert.ToBase64String(Encoding.UTF8.GetBytes(content)), encoding = "base64" } }),
        };
        var commit = await api.PostAsync($"api/models/{repo}/commit/main?create_pr=1", new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson"));
        Assert.True(commit.IsSuccessStatusCode, await commit.Content.ReadAsStringAsync());
    }
}
