using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Security;

/// <summary>
/// Repository files are whatever their writers put there, served from the hub's own origin, where the UI's session
/// lives: a browser must never run them. Beside the neutralised content types, every file answer says nosniff (no
/// guessing HTML out of text/plain or octet-stream) and carries a sandboxing Content-Security-Policy, so even a file a
/// browser decided to render runs no script and reaches nothing of the hub's origin.
/// </summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class FileResponseHeaderTests(EmbeddedHub hub)
{
    [Theory]
    [InlineData("resolve", "page.html")]
    [InlineData("raw", "page.html")]
    [InlineData("resolve", "image.svg")]
    [InlineData("resolve", "notes.txt")]
    [InlineData("resolve", "blob")]
    public async Task A_repository_file_cannot_run_in_the_hub_origin(string route, string path)
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, "xss-" + Guid.NewGuid().ToString("N")[..8]);
        var payload = "<html><body><script>fetch('/api/settings/tokens',{method:'POST',body:'{\"displayName\":\"x\",\"role\":\"write\"}'})</script><svg onload=alert(1)></svg></body></html>"u8.ToArray();
        await HubApi.CommitOkAsync(client, repo, "c", HubApi.File(path, payload));

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(method, $"{repo}/{route}/main/{path}"));
            Assert.True(response.IsSuccessStatusCode);
            var type = response.Content.Headers.ContentType!.MediaType!;
            Assert.DoesNotContain("html", type, StringComparison.Ordinal);
            Assert.DoesNotContain("svg", type, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("sandbox", csp, StringComparison.Ordinal);
            Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        }
    }
}
