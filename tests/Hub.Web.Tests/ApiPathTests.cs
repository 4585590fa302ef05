using System.Net;
using System.Text.Json.Nodes;
using Hub.Web.Tests.Infrastructure;

namespace Hub.Web.Tests;

/// <summary>
/// Paths under /api/ belong to the API even where the UI's <c>/{ns}/{name}</c> pages would match them: a method an API
/// route does not take, or a route that does not exist, gets the API's error, never a page or its antiforgery 400.
/// </summary>
[Collection(EmbeddedWebCollection.Name)]
public sealed class ApiPathTests(EmbeddedWebHub hub)
{
    [Theory]
    [InlineData("POST", "api/whoami-v2", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "api/models", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "api/no-such", HttpStatusCode.NotFound)]
    [InlineData("GET", "api/no/such", HttpStatusCode.NotFound)]
    public async Task An_api_path_no_api_route_takes_gets_an_api_error_even_from_a_browser(string method, string path, HttpStatusCode status)
    {
        using var client = hub.Client(hub.AdminToken);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : new StringContent("") };
        request.Headers.Accept.ParseAdd("text/html");

        var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(JsonNode.Parse(body)!["error"]!.GetValue<string>()));
    }
}
