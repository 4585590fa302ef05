using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PlaywrightCookie = Microsoft.Playwright.Cookie;

namespace Hub.Web.Tests.Infrastructure;

/// <summary>Users for tests made through the HTTP API (faster than the sign-up page, which one test drives itself).</summary>
public static class Accounts
{
    public const string Password = "correct-horse-battery";

    public static string NewName(string prefix = "u") => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Signs a new user up; answers the name and the session cookie.</summary>
    public static async Task<(string Name, PlaywrightCookie Session)> SignUpAsync(WebHub hub, string? name = null)
    {
        name ??= NewName();
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(hub.Url + "/") };
        var response = await client.PostAsJsonAsync("api/auth/signup", new { username = name, password = Password });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var cookie = handler.CookieContainer.GetCookies(new Uri(hub.Url)).Single(c => c.Name == "hub_session");
        return (name, new PlaywrightCookie { Name = cookie.Name, Value = cookie.Value, Url = hub.Url });
    }

    /// <summary>A browser context signed in as a new user.</summary>
    public static async Task<(string Name, IBrowserContext Context)> SignedInContextAsync(WebHub hub, BrowserFixture browser, ViewportSize? viewport = null, ColorScheme scheme = ColorScheme.Light, bool phone = false)
    {
        var (name, session) = await SignUpAsync(hub);
        var context = await browser.NewContextAsync(hub.Url, viewport, scheme, phone);
        await context.AddCookiesAsync([session]);
        return (name, context);
    }

    /// <summary>A write token of the user behind the session cookie.</summary>
    public static async Task<string> CreateTokenAsync(WebHub hub, PlaywrightCookie session, string role = "write")
    {
        using var client = new HttpClient { BaseAddress = new Uri(hub.Url + "/") };
        client.DefaultRequestHeaders.Add("Cookie", $"{session.Name}={session.Value}");
        var response = await client.PostAsJsonAsync("api/settings/tokens", new { displayName = "test", role });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }
}
