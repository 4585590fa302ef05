using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>What people may see and do in the UI follows the API's one policy: private repos do not exist for others.</summary>
[Collection(ProductionWebCollection.Name)]
public sealed class AccessControlTests(ProductionWebHub hub, BrowserFixture browser)
{
    [Theory]
    [InlineData("")]
    [InlineData("/tree/main")]
    [InlineData("/blob/main/README.md")]
    [InlineData("/commits/main")]
    [InlineData("/settings")]
    [InlineData("/upload/main")]
    public async Task Private_repository_pages_are_not_found_for_another_user_and_for_anonymous_visitors(string suffix)
    {
        var gallery = await Gallery.OfAsync(hub);
        var (_, stranger) = await Accounts.SignedInContextAsync(hub, browser);
        await using (stranger)
        {
            var page = await stranger.NewPageAsync();
            var response = await page.GotoAsync($"/{gallery.PrivateModel}{suffix}");
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "404" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Not for everyone");
        }
        await using var anonymous = await browser.NewContextAsync(hub.Url);
        var anonymousPage = await anonymous.NewPageAsync();
        Assert.Equal(404, (await anonymousPage.GotoAsync($"/{gallery.PrivateModel}{suffix}"))!.Status);
        await Assertions.Expect(anonymousPage.Locator("main").GetByRole(AriaRole.Link, new() { Name = "log in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Owner_sees_the_private_repository_and_a_stranger_does_not_find_it_in_lists()
    {
        var gallery = await Gallery.OfAsync(hub);
        await using var owner = await browser.NewContextAsync(hub.Url);
        await owner.AddCookiesAsync([gallery.Session]);
        var page = await owner.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync("/" + gallery.PrivateModel))!.Status);
        await Assertions.Expect(page.Locator("article.card-body")).ToContainTextAsync("Not for everyone");
        await Assertions.Expect(page.Locator(".repo-header .badge-private")).ToBeVisibleAsync();
        await page.GotoAsync("/" + gallery.Owner);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = gallery.PrivateModel })).ToBeVisibleAsync();

        var (_, stranger) = await Accounts.SignedInContextAsync(hub, browser);
        await using (stranger)
        {
            var strangerPage = await stranger.NewPageAsync();
            await strangerPage.GotoAsync("/" + gallery.Owner);
            await Assertions.Expect(strangerPage.GetByRole(AriaRole.Link, new() { Name = gallery.Model })).ToBeVisibleAsync();
            await Assertions.Expect(strangerPage.GetByRole(AriaRole.Link, new() { Name = gallery.PrivateModel })).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task Settings_change_visibility_and_delete_only_after_the_name_is_typed()
    {
        var (name, context) = await Accounts.SignedInContextAsync(hub, browser);
        await using (context)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/new");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("to-delete");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create repository" }).ClickAsync();
            await page.WaitForURLAsync($"**/{name}/to-delete/upload/main?created=true");

            await page.GotoAsync($"/{name}/to-delete/settings");
            await page.GetByRole(AriaRole.Button, new() { Name = "Make private" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("now private");
            await using (var anonymous = await browser.NewContextAsync(hub.Url))
                Assert.Equal(404, (await (await anonymous.NewPageAsync()).GotoAsync($"/{name}/to-delete"))!.Status);

            await page.GetByLabel("Type").FillAsync("wrong-name");
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("exactly to confirm");
            Assert.Equal(200, (await (await context.NewPageAsync()).GotoAsync($"/{name}/to-delete"))!.Status);

            await page.GetByLabel("Type").FillAsync($"{name}/to-delete");
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await page.WaitForURLAsync($"**/{name}?deleted=*");
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was deleted");
            Assert.Equal(404, (await page.GotoAsync($"/{name}/to-delete"))!.Status);
        }
    }

    [Fact]
    public async Task Revoked_token_stops_working_and_log_out_ends_the_session()
    {
        var (name, context) = await Accounts.SignedInContextAsync(hub, browser);
        await using (context)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/settings/tokens");
            await page.GetByLabel("Name").FillAsync("short-lived");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
            var token = (await page.Locator("#new-token").TextContentAsync())!.Trim();
            using var api = hub.Client(token);
            Assert.True((await api.GetAsync("api/whoami-v2")).IsSuccessStatusCode);
            await Assertions.Expect(page.Locator("table")).ToContainTextAsync("read");

            await page.GetByRole(AriaRole.Button, new() { Name = "Revoke token short-lived" }).ClickAsync();
            await Assertions.Expect(page.Locator("tr.revoked")).ToContainTextAsync("revoked");
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await api.GetAsync("api/whoami-v2")).StatusCode);

            await page.GetByRole(AriaRole.Group).Or(page.Locator("summary[aria-label^='Account menu']")).First.ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
            await page.WaitForURLAsync(hub.Url + "/");
            await Assertions.Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();
            await page.GotoAsync("/settings/tokens");
            await page.WaitForURLAsync("**/login?returnUrl=*");

            await page.GetByLabel("Username").FillAsync(name);
            await page.GetByLabel("Password").FillAsync(Accounts.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await page.WaitForURLAsync("**/settings/tokens");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access tokens" })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message()
    {
        var (name, _) = await Accounts.SignUpAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Username").FillAsync(name);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Invalid username or password");
        await Assertions.Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Organization_admin_adds_a_member_who_then_sees_its_private_repository()
    {
        var (admin, adminContext) = await Accounts.SignedInContextAsync(hub, browser);
        var (member, memberSession) = await Accounts.SignUpAsync(hub);
        var org = Accounts.NewName("org");
        await using (adminContext)
        {
            var page = await adminContext.NewPageAsync();
            await page.GotoAsync("/organizations/new");
            await page.GetByLabel("Name").FillAsync(org);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create organization" }).ClickAsync();
            await page.WaitForURLAsync($"**/organizations/{org}");
            await Assertions.Expect(page.Locator(".member-list")).ToContainTextAsync(admin);
            await page.GetByLabel("User").FillAsync(member);
            await page.GetByLabel("Role").SelectOptionAsync("read");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add or change member" }).ClickAsync();
            await Assertions.Expect(page.Locator(".member-list li", new() { HasText = member })).ToContainTextAsync("read");

            await page.GotoAsync("/new");
            await page.GetByLabel("Owner").SelectOptionAsync(org);
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("team-model");
            await page.GetByLabel("Private: only you").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Create repository" }).ClickAsync();
            await page.WaitForURLAsync($"**/{org}/team-model/upload/main?created=true");
        }
        await using var memberContext = await browser.NewContextAsync(hub.Url);
        await memberContext.AddCookiesAsync([memberSession]);
        var memberPage = await memberContext.NewPageAsync();
        Assert.Equal(200, (await memberPage.GotoAsync($"/{org}/team-model"))!.Status);
        await Assertions.Expect(memberPage.GetByRole(AriaRole.Link, new() { Name = "Upload" })).ToHaveCountAsync(0);
        await Assertions.Expect(memberPage.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveCountAsync(0);
    }
}
