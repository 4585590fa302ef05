using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>Logging in from the top bar brings people back to the page they were reading, as on huggingface.co.</summary>
[Collection(ProductionWebCollection.Name)]
public sealed class LoginReturnTests(ProductionWebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task Log_in_from_the_top_bar_returns_to_the_page_it_was_clicked_on()
    {
        var gallery = await Gallery.OfAsync(hub);
        var (name, _) = await Accounts.SignUpAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{gallery.Model}/tree/main/onnx?x=1");
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Log in" }).ClickAsync();
        await page.GetByLabel("Username").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync($"{hub.Url}/{gallery.Model}/tree/main/onnx?x=1");
        await Assertions.Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Log_in_from_a_not_found_page_returns_to_the_address_that_was_not_found()
    {
        var gallery = await Gallery.OfAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{gallery.Owner}/no-such-thing/tree/main");
        await Assertions.Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Log in" }))
            .ToHaveAttributeAsync("href", "/login?returnUrl=" + Uri.EscapeDataString($"/{gallery.Owner}/no-such-thing/tree/main"));
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToHaveAttributeAsync("href", "/login");
    }
}
