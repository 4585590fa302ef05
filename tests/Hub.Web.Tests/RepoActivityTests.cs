using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>What the repo and list pages show about activity: the like button, the downloads chart and facet counts.</summary>
[Collection(ProductionWebCollection.Name)]
public sealed class RepoActivityTests(ProductionWebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task Like_button_likes_and_unlikes_and_anonymous_visitors_see_the_count_and_a_login_link()
    {
        var (_, ownerSession) = await Accounts.SignUpAsync(hub);
        using var api = hub.Client(await Accounts.CreateTokenAsync(hub, ownerSession));
        var repo = await HubRequests.CreateRepoAsync(api, "liked-model");
        var (_, context) = await Accounts.SignedInContextAsync(hub, browser);
        await using (context)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/" + repo);
            var button = page.Locator("button.like-button");
            await Assertions.Expect(button).ToHaveAttributeAsync("aria-pressed", "false");
            await Assertions.Expect(button.Locator(".like-count")).ToHaveTextAsync("0");

            await button.ClickAsync();
            await Assertions.Expect(button).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(button.Locator(".like-count")).ToHaveTextAsync("1");
            await Assertions.Expect(button).ToContainTextAsync("Liked");
            Assert.Equal(1, (await ModelInfoAsync(api, repo))["likes"]!.GetValue<int>());

            await button.ClickAsync();
            await Assertions.Expect(button).ToHaveAttributeAsync("aria-pressed", "false");
            await Assertions.Expect(button.Locator(".like-count")).ToHaveTextAsync("0");
            Assert.Equal(0, (await ModelInfoAsync(api, repo))["likes"]!.GetValue<int>());
        }

        Assert.True((await api.PostAsync($"api/models/{repo}/like", null)).IsSuccessStatusCode);
        await using var anonymous = await browser.NewContextAsync(hub.Url);
        var anonymousPage = await anonymous.NewPageAsync();
        await anonymousPage.GotoAsync("/" + repo);
        await Assertions.Expect(anonymousPage.Locator("button.like-button")).ToHaveCountAsync(0);
        await Assertions.Expect(anonymousPage.Locator(".repo-likes .like-count")).ToHaveTextAsync("1");
        var login = anonymousPage.GetByRole(AriaRole.Link, new() { Name = "Log in to like" });
        await Assertions.Expect(login).ToHaveAttributeAsync("href", "/login?returnUrl=" + Uri.EscapeDataString("/" + repo));
    }

    [Fact]
    public async Task Downloads_chart_shows_a_bar_per_day_for_30_days_ending_with_todays_downloads()
    {
        var (_, session) = await Accounts.SignUpAsync(hub);
        using var api = hub.Client(await Accounts.CreateTokenAsync(hub, session));
        var repo = await HubRequests.CreateRepoAsync(api, "downloaded-model");
        await HubRequests.CommitAsync(api, repo, "Add config", new Dictionary<string, string> { ["config.json"] = "{}" });
        using var anonymousApi = hub.Client();
        for (var i = 0; i < 2; i++)
            Assert.True((await anonymousApi.GetAsync($"{repo}/resolve/main/config.json")).IsSuccessStatusCode);

        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        var chart = page.Locator(".downloads-chart svg[role=img]");
        const string summary = "Downloads per day over the last 30 days: 2 in total, at most 2 a day.";
        // While the hub writes its buffered counts (every few seconds) they are briefly in neither place: look again then.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await page.GotoAsync("/" + repo);
            if (await chart.GetAttributeAsync("aria-label") == summary) break;
            await Task.Delay(500);
        }
        await Assertions.Expect(chart).ToHaveAttributeAsync("aria-label", summary);
        var bars = chart.Locator("rect.chart-bar");
        await Assertions.Expect(bars).ToHaveCountAsync(30);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(bars.Last).ToHaveAttributeAsync("data-date", today);
        await Assertions.Expect(bars.Last).ToHaveAttributeAsync("data-downloads", "2");
        await Assertions.Expect(bars.First).ToHaveAttributeAsync("data-downloads", "0");
        await Assertions.Expect(page.Locator(".repo-sidebar .big-number")).ToHaveTextAsync("2");
    }

    [Fact]
    public async Task Facets_show_counts_of_the_filtered_list_and_narrow_it_when_clicked()
    {
        var (owner, session) = await Accounts.SignUpAsync(hub);
        using var api = hub.Client(await Accounts.CreateTokenAsync(hub, session));
        foreach (var (name, task, license) in new[] { ("mit-one", "fill-mask", "mit"), ("mit-two", "text-classification", "mit"), ("apache-one", "fill-mask", "apache-2.0") })
        {
            var repo = await HubRequests.CreateRepoAsync(api, name);
            await HubRequests.CommitAsync(api, repo, "Add the card", new Dictionary<string, string>
            {
                ["README.md"] = $"---\npipeline_tag: {task}\nlicense: {license}\nlibrary_name: transformers\nlanguage: [en]\n---\n# {name}\n",
            });
        }

        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/models?author={owner}");
        var licenses = Facet(page, "Licenses");
        await Assertions.Expect(licenses.Locator("a[data-facet-value]")).ToHaveTextAsync(["mit 2", "apache-2.0 1"]);
        await Assertions.Expect(Facet(page, "Tasks").Locator("a[data-facet-value]")).ToHaveTextAsync(["fill-mask 2", "text-classification 1"]);
        await Assertions.Expect(Facet(page, "Libraries").Locator("a[data-facet-value]")).ToHaveTextAsync(["transformers 3"]);
        await Assertions.Expect(Facet(page, "Languages").Locator("a[data-facet-value]")).ToHaveTextAsync(["en 3"]);
        // The author facet leaves the author filter out: other authors' counts show beside the chosen one.
        await Assertions.Expect(Facet(page, "Authors").Locator($"a[data-facet-value={owner}]")).ToHaveTextAsync($"{owner} 3");
        await Assertions.Expect(Facet(page, "Authors").Locator($"a[data-facet-value={owner}]")).ToHaveAttributeAsync("aria-current", "true");

        await licenses.Locator("a[data-facet-value=mit]").ClickAsync();
        await page.WaitForURLAsync("**license=mit**");
        await Assertions.Expect(page.Locator("#results .repo-grid > li")).ToHaveCountAsync(2);
        await Assertions.Expect(Facet(page, "Tasks").Locator("a[data-facet-value]")).ToHaveTextAsync(["fill-mask 1", "text-classification 1"]);
        await Assertions.Expect(Facet(page, "Licenses").Locator("a[aria-current=true]")).ToHaveTextAsync("mit 2");
        await Assertions.Expect(Facet(page, "Licenses").Locator("a[data-facet-value='apache-2.0']")).ToHaveTextAsync("apache-2.0 1");

        await Facet(page, "Tasks").Locator("a[data-facet-value=text-classification]").ClickAsync();
        await page.WaitForURLAsync("**pipeline_tag=text-classification**");
        await Assertions.Expect(page.Locator("#results .repo-grid > li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#results")).ToContainTextAsync($"{owner}/mit-two");
    }

    private static ILocator Facet(IPage page, string title) =>
        page.Locator("section.facet-group", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true }) });

    private static async Task<System.Text.Json.Nodes.JsonNode> ModelInfoAsync(HttpClient api, string repo) =>
        System.Text.Json.Nodes.JsonNode.Parse(await api.GetStringAsync($"api/models/{repo}"))!;
}
