using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Security;

/// <summary>
/// The UI renders on the server and calls the API from its own address; it forwards the browser's address signed with
/// the hub's key, so rate limits, the brute-force guard and the audit log see each visitor, and nobody else can claim an
/// address that way.
/// </summary>
public sealed class ForwardedClientTests
{
    private static async Task WithHubAsync(Func<SecurityHub, Task> test)
    {
        var hub = new SecurityHub(production: false, new Dictionary<string, string?> { ["Hub:RateLimits:Api"] = "3" });
        await hub.InitializeAsync();
        try
        {
            await test(hub);
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    private static HttpRequestMessage From(HttpMethod method, string url, string address, string signature, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add(ForwardedClientHeaders.Address, address);
        request.Headers.Add(ForwardedClientHeaders.Signature, signature);
        return request;
    }

    [Fact]
    public Task Signed_browser_addresses_get_quotas_of_their_own_and_forged_ones_share_the_callers() => WithHubAsync(async hub =>
    {
        var signer = hub.Services.GetRequiredService<IForwardedClientSigner>();
        var anonymous = hub.Client();
        string Remaining(HttpResponseMessage r) => r.Headers.GetValues("RateLimit").Single().Split(';')[1];

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(From(HttpMethod.Get, "api/models", "198.51.100.7", signer.Sign("198.51.100.7")))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.SendAsync(From(HttpMethod.Get, "api/models", "198.51.100.7", signer.Sign("198.51.100.7")))).StatusCode);

        // Another visitor behind the same UI still has the whole quota.
        var other = await anonymous.SendAsync(From(HttpMethod.Get, "api/models", "198.51.100.8", signer.Sign("198.51.100.8")));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("r=2", Remaining(other));

        // A forged signature (or one for another address) is ignored: the request counts against the real caller.
        var plain = await anonymous.GetAsync("api/models");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("r=2", Remaining(plain));
        var forged = await anonymous.SendAsync(From(HttpMethod.Get, "api/models", "198.51.100.9", signer.Sign("198.51.100.8")));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal("r=1", Remaining(forged));
    });

    [Fact]
    public Task The_audit_log_records_the_signed_browser_address_and_never_a_forged_one() => WithHubAsync(async hub =>
    {
        var signer = hub.Services.GetRequiredService<IForwardedClientSigner>();
        var (name, _) = await hub.CreateUserAsync();
        var login = (string password) => JsonContent.Create(new { username = name, password });
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await hub.Client().SendAsync(From(HttpMethod.Post, "api/auth/login", "203.0.113.5", signer.Sign("203.0.113.5"), login("wrong-1")))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await hub.Client().SendAsync(From(HttpMethod.Post, "api/auth/login", "203.0.113.6", "forged", login("wrong-2")))).StatusCode);

        var failed = (await hub.Client(hub.AdminToken).GetFromJsonAsync<JsonArray>("api/admin/audit?action=user.login_failed&limit=1000"))!
            .Where(e => e!["target"]?.GetValue<string>() == name).Select(e => e!["remoteAddress"]?.GetValue<string>()).ToList();
        Assert.Equal(2, failed.Count);
        Assert.Contains("203.0.113.5", failed);
        Assert.DoesNotContain("203.0.113.6", failed);
        Assert.Contains(failed, a => a is "127.0.0.1" or "::ffff:127.0.0.1");
    });
}
