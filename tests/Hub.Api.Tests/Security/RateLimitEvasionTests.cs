using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Hub.Api.Tests.Security;

/// <summary>
/// An anonymous client cannot get a fresh quota per request by sending a credential the hub ignores: an Authorization
/// header that is no token (Basic without a password, an unknown scheme) or a session cookie that is no session. Those
/// callers are anonymous, so they share their address's quota.
/// </summary>
public sealed class RateLimitEvasionTests(TinyQuotaHub hub) : IClassFixture<TinyQuotaHub>
{
    public static TheoryData<string> Disguises() => ["basic-without-password", "unknown-scheme", "bogus-cookie"];

    [Theory]
    [MemberData(nameof(Disguises))]
    public async Task Ignored_credentials_do_not_buy_a_fresh_quota(string disguise)
    {
        using var client = new HttpClient { BaseAddress = new Uri(hub.Url + "/") };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/models?limit=1");
            var unique = Guid.NewGuid().ToString("N");
            switch (disguise)
            {
                case "basic-without-password":
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(unique + ":")));
                    break;
                case "unknown-scheme":
                    request.Headers.Authorization = new AuthenticationHeaderValue("Token", unique);
                    break;
                default:
                    request.Headers.Add("Cookie", "hub_session=" + unique);
                    break;
            }
            // Each disguise from its own address would be a different client; these all come from one.
            request.Headers.Add("X-Test-Disguise", disguise);
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.DoesNotContain(statuses, s => s is not (HttpStatusCode.OK or HttpStatusCode.TooManyRequests));
    }
}
