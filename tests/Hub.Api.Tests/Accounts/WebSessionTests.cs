using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Auth;
using Hub.Api.Tests.Infrastructure;
using Hub.Storage.Metadata.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Accounts;

/// <summary>
/// Logging out ends the UI session on the server: a copy of the cookie taken before (another tab, a stolen cookie) is
/// anonymous afterwards, and cannot mint tokens. The session secret never works as an API token.
/// </summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class WebSessionTests(EmbeddedHub hub)
{
    private async Task<(HttpClient Client, string Cookie)> LogInAsync(string name)
    {
        var client = hub.Client();
        var response = await client.PostAsJsonAsync("api/auth/login", new { username = name, password = "correct-horse-battery" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hub_session=", StringComparison.Ordinal)).Split(';')[0];
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return (client, cookie);
    }

    [Fact]
    public async Task After_log_out_a_copy_of_the_session_cookie_is_anonymous_and_cannot_create_tokens()
    {
        var (name, _) = await hub.CreateUserAsync();
        var (session, cookie) = await LogInAsync(name);
        Assert.Equal(name, (await session.GetFromJsonAsync<JsonObject>("api/whoami-v2"))!["name"]!.GetValue<string>());
        using var copy = hub.Client();
        copy.DefaultRequestHeaders.Add("Cookie", cookie);

        Assert.Equal(HttpStatusCode.OK, (await session.PostAsync("api/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("api/whoami-v2")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.PostAsJsonAsync("api/settings/tokens", new { displayName = "stolen", role = "write" })).StatusCode);
    }

    [Fact]
    public async Task Logging_out_one_session_keeps_the_others_and_sessions_are_not_listed_as_tokens()
    {
        var (name, token) = await hub.CreateUserAsync();
        var (laptop, _) = await LogInAsync(name);
        var (phone, _) = await LogInAsync(name);

        await laptop.PostAsync("api/auth/logout", null);

        Assert.Equal(name, (await phone.GetFromJsonAsync<JsonObject>("api/whoami-v2"))!["name"]!.GetValue<string>());
        var listed = (await hub.Client(token).GetFromJsonAsync<JsonArray>("api/settings/tokens"))!;
        Assert.All(listed, t => Assert.NotEqual("session", t!["role"]!.GetValue<string>()));
        Assert.Single(listed);
    }

    [Fact]
    public async Task The_session_secret_inside_the_cookie_is_not_an_access_token()
    {
        var (name, _) = await hub.CreateUserAsync();
        var user = (await hub.Services.GetRequiredService<IAccountStore>().FindUserAsync(name, CancellationToken.None))!;
        var tokens = hub.Services.GetRequiredService<IAccessTokenStore>();
        var principal = await WebSessions.StartAsync(user, tokens, TimeProvider.System, CancellationToken.None);
        var secret = principal.FindFirst(WebSessions.ClaimType)!.Value;

        var bearer = await hub.Client(secret).GetAsync("api/whoami-v2");
        using var basic = hub.Client();
        basic.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("user:" + secret)));
        var git = await basic.GetAsync("api/whoami-v2");

        Assert.Equal(HttpStatusCode.Unauthorized, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, git.StatusCode);
    }
}
