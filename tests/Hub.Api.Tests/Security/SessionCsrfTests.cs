using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Security;

/// <summary>
/// The UI's session cookie is SameSite=Lax, which a sibling site (another app under the same registrable domain) still
/// gets sent, and the API reads JSON whatever the content type, so a plain HTML form could post it. A state-changing
/// request that a browser marks as coming from another origin is refused when its only credential is the cookie; the
/// UI's own same-origin calls, server-side calls and token callers are unaffected.
/// </summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class SessionCsrfTests(EmbeddedHub hub)
{
    private async Task<HttpClient> LogInAsync(string name)
    {
        var client = hub.Client();
        var response = await client.PostAsJsonAsync("api/auth/login", new { username = name, password = "correct-horse-battery" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hub_session=", StringComparison.Ordinal)).Split(';')[0];
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static HttpRequestMessage FormPost(string url, string body, string? origin, string? fetchSite)
    {
        // What <form enctype="text/plain" method="post"> sends: no preflight, the cookie attached by the browser.
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return request;
    }

    [Theory]
    [InlineData("https://evil.example.com", "same-site")]
    [InlineData("https://evil.example.com", "cross-site")]
    [InlineData("https://evil.example.com", null)]
    [InlineData("null", null)]
    public async Task A_cross_origin_post_carrying_only_the_session_cookie_changes_nothing(string origin, string? fetchSite)
    {
        var (name, token) = await hub.CreateUserAsync();
        var session = await LogInAsync(name);

        var mint = await session.SendAsync(FormPost("api/settings/tokens", "{\"displayName\":\"csrf\",\"role\":\"write\"}", origin, fetchSite));
        Assert.Equal(HttpStatusCode.Forbidden, mint.StatusCode);
        var repo = "csrf-" + Guid.NewGuid().ToString("N")[..8];
        var create = await session.SendAsync(FormPost("api/repos/create", $"{{\"name\":\"{repo}\",\"type\":\"model\"}}", origin, fetchSite));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);

        var tokens = (await hub.Client(token).GetFromJsonAsync<JsonArray>("api/settings/tokens"))!;
        Assert.DoesNotContain(tokens, t => t!["displayName"]!.GetValue<string>() == "csrf");
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client(token).GetAsync($"api/models/{name}/{repo}")).StatusCode);
    }

    [Fact]
    public async Task Same_origin_server_side_and_token_calls_still_work()
    {
        var (name, token) = await hub.CreateUserAsync();
        var session = await LogInAsync(name);
        var sameOrigin = await session.SendAsync(FormPost("api/settings/tokens", "{\"displayName\":\"ui\",\"role\":\"read\"}", hub.Url, "same-origin"));
        Assert.Equal(HttpStatusCode.OK, sameOrigin.StatusCode);
        var serverSide = await session.SendAsync(FormPost("api/settings/tokens", "{\"displayName\":\"server\",\"role\":\"read\"}", null, null));
        Assert.Equal(HttpStatusCode.OK, serverSide.StatusCode);
        using var withToken = hub.Client(token);
        var tokenCall = await withToken.SendAsync(FormPost("api/settings/tokens", "{\"displayName\":\"cli\",\"role\":\"read\"}", "https://evil.example.com", "cross-site"));
        Assert.Equal(HttpStatusCode.OK, tokenCall.StatusCode);
        // Reads stay open to other origins (the session only decides what is visible).
        var read = new HttpRequestMessage(HttpMethod.Get, "api/whoami-v2");
        read.Headers.Add("Origin", "https://evil.example.com");
        Assert.Equal(HttpStatusCode.OK, (await session.SendAsync(read)).StatusCode);
    }

    [Fact]
    public async Task Another_site_cannot_sign_the_browser_in_to_an_account_of_its_choosing()
    {
        var (name, _) = await hub.CreateUserAsync();
        var body = $"{{\"username\":\"{name}\",\"password\":\"correct-horse-battery\"}}";
        var crossSite = await hub.Client().SendAsync(FormPost("api/auth/login", body, "https://evil.example.com", "cross-site"));
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.False(crossSite.Headers.Contains("Set-Cookie"));
        var sameOrigin = await hub.Client().SendAsync(FormPost("api/auth/login", body, hub.Url, "same-origin"));
        Assert.Equal(HttpStatusCode.OK, sameOrigin.StatusCode);
    }
}
