using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Security;

/// <summary>
/// A private repository answers a caller without a role exactly like a repository that does not exist, on every route
/// that names one: same status, error code and message, same body and the same response headers (request ids and
/// dates aside). Anything else tells a stranger the name is taken by something private.
/// </summary>
[Collection(ProductionHubCollection.Name)]
public sealed class PrivateLikeMissingTests(ProductionHub hub)
{
    private static readonly HashSet<string> VaryingHeaders = new(StringComparer.OrdinalIgnoreCase) { "Date", "X-Request-Id", "traceparent", "RateLimit" };

    /// <summary>Every repository route, as (method, url template, body). {r} is the repository id, {o} its namespace, {n} its name.</summary>
    public static TheoryData<string, string, string?> Routes() => new()
    {
        { "GET", "api/models/{r}", null },
        { "GET", "api/models/{r}/revision/main", null },
        { "GET", "api/models/{r}/revision/nope", null },
        { "GET", "api/models/{r}/tree/main", null },
        { "GET", "api/models/{r}/tree/nope/dir", null },
        { "POST", "api/models/{r}/paths-info/main", "{\"paths\":[\"a.txt\"]}" },
        { "GET", "api/models/{r}/refs", null },
        { "GET", "api/models/{r}/commits/main", null },
        { "GET", "api/models/{r}/card", null },
        { "GET", "api/models/{r}/like", null },
        { "POST", "api/models/{r}/like", null },
        { "DELETE", "api/models/{r}/like", null },
        { "GET", "api/models/{r}/likers", null },
        { "GET", "api/models/{r}/downloads", null },
        { "GET", "api/models/{r}/discussions", null },
        { "GET", "api/models/{r}/auth-check", null },
        { "POST", "api/models/{r}/super-squash/main", null },
        { "POST", "api/models/{r}/preupload/main", "{\"files\":[{\"path\":\"a.txt\",\"size\":1,\"sample\":\"YQ==\"}]}" },
        { "POST", "api/models/{r}/commit/main", "{\"key\":\"header\",\"value\":{\"summary\":\"x\",\"description\":\"\"}}\n{\"key\":\"file\",\"value\":{\"path\":\"b.txt\",\"content\":\"YQ==\",\"encoding\":\"base64\"}}\n" },
        { "POST", "api/models/{r}/branch/b1", null },
        { "DELETE", "api/models/{r}/branch/b1", null },
        { "POST", "api/models/{r}/tag/main", "{\"tag\":\"v1\"}" },
        { "DELETE", "api/models/{r}/tag/v1", null },
        { "PUT", "api/models/{r}/settings", "{\"private\":false}" },
        { "POST", "api/models/{r}/ask-access", "{}" },
        { "GET", "api/models/{r}/user-access-request/pending", null },
        { "POST", "api/models/{r}/user-access-request/handle", "{\"user\":\"x\",\"status\":\"accepted\"}" },
        { "POST", "api/models/{r}/user-access-request/grant", "{\"user\":\"x\"}" },
        { "POST", "api/repos/move", "{\"fromRepo\":\"{r}\",\"toRepo\":\"{o}/moved-{n}\",\"type\":\"model\"}" },
        { "DELETE", "api/repos/delete", "{\"name\":\"{n}\",\"organization\":\"{o}\",\"type\":\"model\"}" },
        { "GET", "{r}/resolve/main/a.txt", null },
        { "HEAD", "{r}/resolve/main/a.txt", null },
        { "GET", "{r}/raw/main/a.txt", null },
        { "GET", "{r}/resolve/nope/a.txt", null },
        { "GET", "{r}.git/info/refs?service=git-upload-pack", null },
        { "GET", "{r}/info/refs?service=git-upload-pack", null },
        { "GET", "{r}.git/info/refs?service=git-receive-pack", null },
        { "POST", "{r}.git/git-upload-pack", "0000" },
        { "POST", "{r}.git/git-receive-pack", "0000" },
        { "POST", "{r}.git/info/lfs/objects/batch", "{\"operation\":\"download\",\"objects\":[{\"oid\":\"" + new string('a', 64) + "\",\"size\":1}]}" },
        { "POST", "{r}.git/info/lfs/objects/batch", "{\"operation\":\"upload\",\"objects\":[{\"oid\":\"" + new string('a', 64) + "\",\"size\":1}]}" },
        { "POST", "{r}.git/info/lfs/locks/verify", "{}" },
        { "POST", "models/{r}", "{\"inputs\":\"hello\"}" },
        { "POST", "models/{r}/pipeline/feature-extraction", "{\"inputs\":\"hello\"}" },
        { "GET", "v2/models/{o}--{n}", null },
        { "GET", "v2/models/{o}--{n}/ready", null },
        { "POST", "v2/models/{o}--{n}/infer", "{\"inputs\":[]}" },
        { "GET", "v2/models/{o}--{n}/stats", null },
        { "POST", "v1/embeddings", "{\"model\":\"{r}\",\"input\":\"hello\"}" },
        { "POST", "embed", "{\"model\":\"{r}\",\"inputs\":\"hello\"}" },
    };

    private static string Fill(string template, string repo)
    {
        var (ns, name) = (repo.Split('/')[0], repo.Split('/')[1]);
        return template.Replace("{r}", repo, StringComparison.Ordinal).Replace("{o}", ns, StringComparison.Ordinal).Replace("{n}", name, StringComparison.Ordinal);
    }

    private static async Task<string> DescribeAsync(HttpClient client, string method, string template, string? body, string repo)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(template, repo));
        if (body is not null) request.Content = new StringContent(Fill(body, repo), Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = (await response.Content.ReadAsStringAsync()).Replace(repo, "{r}", StringComparison.Ordinal)
            .Replace(repo.Split('/')[1], "{n}", StringComparison.Ordinal);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !VaryingHeaders.Contains(h.Key))
            .Select(h => $"{h.Key}: {string.Join(",", h.Value).Replace(repo, "{r}", StringComparison.Ordinal).Replace(repo.Split('/')[1], "{n}", StringComparison.Ordinal)}")
            .Order(StringComparer.Ordinal);
        return $"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n\n{text}";
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_private_repository_answers_strangers_like_a_missing_one(string method, string template, string? body)
    {
        var (owner, ownerToken) = await hub.CreateUserAsync();
        var name = "p" + Guid.NewGuid().ToString("N")[..12];
        var repo = await HubApi.CreateRepoAsync(hub.Client(ownerToken), name, isPrivate: true);
        await HubApi.CommitOkAsync(hub.Client(ownerToken), repo, "c", HubApi.File("a.txt", "a"u8.ToArray()));
        var missing = $"{owner}/q{Guid.NewGuid().ToString("N")[..12]}";
        var (_, strangerToken) = await hub.CreateUserAsync();

        foreach (var client in new[] { hub.Client(), hub.Client(strangerToken) })
        {
            var seen = await DescribeAsync(client, method, template, body, repo);
            var absent = await DescribeAsync(client, method, template, body, missing);
            Assert.Equal(absent.Replace(missing.Split('/')[1], "{n}", StringComparison.Ordinal), seen);
        }
        // Nothing changed: the repository is still private and has its one commit.
        var info = await hub.Client(ownerToken).GetFromJsonAsync<JsonElement>($"api/models/{repo}");
        Assert.True(info.GetProperty("private").GetBoolean());
    }
}
