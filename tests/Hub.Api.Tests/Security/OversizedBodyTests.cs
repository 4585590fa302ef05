using System.Net;
using System.Text;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Security;

/// <summary>
/// A body over a route's limit is the client's mistake: 413 with the error shape, never a 500 (which reads as a hub
/// fault, is logged as one, and is retried by clients).
/// </summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class OversizedBodyTests(EmbeddedHub hub)
{
    [Theory]
    [InlineData("paths-info", 17)]
    [InlineData("create", 31)]
    [InlineData("settings", 31)]
    public async Task A_body_over_the_limit_is_answered_413(string route, int megabytes)
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, "big-" + Guid.NewGuid().ToString("N")[..8]);
        var filler = new string('a', megabytes * 1024 * 1024);
        var (method, url, body) = route switch
        {
            "paths-info" => (HttpMethod.Post, $"api/models/{repo}/paths-info/main", $"{{\"paths\":[\"{filler}\"]}}"),
            "create" => (HttpMethod.Post, "api/repos/create", $"{{\"name\":\"x{Guid.NewGuid():N}\",\"type\":\"model\",\"files\":[{{\"path\":\"a\",\"content\":\"{filler}\"}}]}}"),
            _ => (HttpMethod.Put, $"api/models/{repo}/settings", $"{{\"gated\":false,\"x\":\"{filler}\"}}"),
        };
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        // Sent chunked, as a streaming client would: nothing tells the hub the size up front.
        request.Headers.TransferEncodingChunked = true;
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            return; // the hub stopped reading and closed the connection: acceptable, it is not a 500
        }
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Error-Message"));
    }
}
