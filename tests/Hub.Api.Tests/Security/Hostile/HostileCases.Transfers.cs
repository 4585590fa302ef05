using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Api.Tests.Security.Hostile;

public static partial class HostileCases
{
    private static IEnumerable<Case> Lfs()
    {
        Case Batch(string name, Func<HostileFixture, string> body) =>
            new(name, f => Task.FromResult(Post($"{f.Repo}.git/info/lfs/objects/batch", body(f), "application/vnd.git-lfs+json")));
        string Objects(string operation, string objects) => $"{{\"operation\":\"{operation}\",\"transfers\":[\"basic\"],\"objects\":{objects},\"hash_algo\":\"sha256\"}}";
        yield return Batch("lfs-batch-not-json", _ => "{{{");
        yield return Batch("lfs-batch-array", _ => "[]");
        yield return Batch("lfs-batch-unknown-operation", f => Objects("delete", $"[{{\"oid\":\"{f.WeightsOid}\",\"size\":1}}]"));
        yield return Batch("lfs-batch-no-operation", f => $"{{\"objects\":[{{\"oid\":\"{f.WeightsOid}\",\"size\":1}}]}}");
        yield return Batch("lfs-batch-md5", f => $"{{\"operation\":\"download\",\"objects\":[{{\"oid\":\"{f.WeightsOid}\",\"size\":1}}],\"hash_algo\":\"md5\"}}");
        yield return Batch("lfs-batch-no-objects", _ => "{\"operation\":\"download\"}");
        yield return Batch("lfs-batch-empty-objects", _ => Objects("download", "[]"));
        yield return Batch("lfs-batch-objects-not-array", _ => Objects("download", "\"x\""));
        yield return Batch("lfs-batch-1001-objects", _ => Objects("upload", "[" + string.Join(",", Enumerable.Range(0, 1001).Select(i => $"{{\"oid\":\"{i:x64}\",\"size\":1}}")) + "]"));
        yield return Batch("lfs-batch-truncated", f => Objects("download", $"[{{\"oid\":\"{f.WeightsOid}\",\"size\":1}}]")[..40]);
        yield return Batch("lfs-batch-size-not-number", f => Objects("download", $"[{{\"oid\":\"{f.WeightsOid}\",\"size\":\"big\"}}]"));
        yield return Batch("lfs-batch-size-overflow", f => Objects("upload", $"[{{\"oid\":\"{f.WeightsOid}\",\"size\":99999999999999999999999}}]"));
        yield return Batch("lfs-batch-oversized", _ => Objects("upload", "[" + string.Join(",", Enumerable.Range(0, 900).Select(i => $"{{\"oid\":\"{i:x64}\",\"size\":1,\"pad\":\"{new string('p', 10_000)}\"}}")) + "]"));
        yield return new("lfs-verify-wrong-content", async f => await WrongUploadThenVerifyAsync(f, f.Hub.Client(f.Token)));
        yield return new("lfs-verify-without-upload", async f => SignedAgain(await UploadActionsAsync(f, f.Hub.Client(f.Token), RandomBytes()), "verify", s => s));
        yield return new("lfs-verify-tampered-signature", async f => SignedAgain(await UploadActionsAsync(f, f.Hub.Client(f.Token), RandomBytes()), "verify", s => s.Replace("sig=", "sig=A", StringComparison.Ordinal)));
        yield return new("lfs-verify-other-oid", async f => SignedAgain(await UploadActionsAsync(f, f.Hub.Client(f.Token), RandomBytes()), "verify", s => ReplaceOid(s, new string('d', 64))));
        yield return new("lfs-verify-other-repo", async f => SignedAgain(await UploadActionsAsync(f, f.Hub.Client(f.Token), RandomBytes()), "verify", s => ReplaceQuery(s, "repo", "aaaaaaaaaaaaaaaaaaaaaaaa")));
        yield return new("lfs-verify-extended-expiry", async f => SignedAgain(await UploadActionsAsync(f, f.Hub.Client(f.Token), RandomBytes()), "verify", s => ReplaceQuery(s, "exp", "99999999999")));
        yield return new("lfs-verify-expired", _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "api/lfs/verify/" + new string('e', 64) + "?repo=x&exp=1&sig=abc")), Anonymous: true);
        yield return new("lfs-download-unsigned", f => Get($"api/lfs/objects/{f.WeightsOid}?repo={f.RepoId}"), Anonymous: true);
        yield return new("lfs-download-traversal", _ => Get("api/lfs/objects/..%2F..%2F..%2Fetc%2Fpasswd?repo=x&exp=99999999999&sig=x"), Anonymous: true);
        yield return new("lfs-upload-unsigned-put", f => Task.FromResult(new HttpRequestMessage(HttpMethod.Put, "api/lfs/uploads/abc?repo=" + f.RepoId) { Content = new ByteArrayContent([1, 2, 3]) }), Anonymous: true);
    }

    private static byte[] RandomBytes() => Encoding.UTF8.GetBytes("random " + Guid.NewGuid());

    private static async Task<JsonNode> UploadActionsAsync(HostileFixture f, HttpClient client, byte[] content)
    {
        var body = JsonSerializer.Serialize(new { operation = "upload", transfers = new[] { "basic" }, objects = new[] { new { oid = Infrastructure.HubApi.Sha256(content), size = content.Length } } });
        var response = await client.PostAsync($"{f.Repo}.git/info/lfs/objects/batch", new StringContent(body, Encoding.UTF8, "application/vnd.git-lfs+json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["objects"]![0]!["actions"]!;
    }

    /// <summary>Uploads bytes that do not match the announced oid (size kept), then asks the hub to verify them.</summary>
    private static async Task<HttpRequestMessage> WrongUploadThenVerifyAsync(HostileFixture f, HttpClient client)
    {
        var announced = RandomBytes();
        var actions = await UploadActionsAsync(f, client, announced);
        var wrong = new byte[announced.Length];
        using var plain = new HttpClient();
        await plain.PutAsync(actions["upload"]!["href"]!.GetValue<string>(), new ByteArrayContent(wrong));
        return SignedAgain(actions, "verify", s => s);
    }

    private static HttpRequestMessage SignedAgain(JsonNode actions, string action, Func<string, string> change)
    {
        var href = change(actions[action]!["href"]!.GetValue<string>());
        var oid = href.Split("/verify/")[1].Split('?')[0];
        return new HttpRequestMessage(HttpMethod.Post, href) { Content = new StringContent($"{{\"oid\":\"{oid}\",\"size\":1}}", Encoding.UTF8, "application/vnd.git-lfs+json") };
    }

    private static string ReplaceOid(string url, string oid)
    {
        var start = url.IndexOf("/verify/", StringComparison.Ordinal) + 8;
        return url[..start] + oid + url[(start + 64)..];
    }

    private static string ReplaceQuery(string url, string key, string value)
    {
        var uri = new Uri(url);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query);
        var pairs = query.SelectMany(kv => kv.Value.Select(v => KeyValuePair.Create(kv.Key, kv.Key == key ? value : v)));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(uri.GetLeftPart(UriPartial.Path), pairs);
    }

    private static IEnumerable<Case> Oversized()
    {
        yield return new("header-64kb", f =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"api/models/{f.Repo}");
            request.Headers.Add("X-Filler", new string('h', 64 * 1024));
            return Task.FromResult(request);
        }, KestrelLevel: true);
        yield return new("header-count-300", f =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"api/models/{f.Repo}");
            for (var i = 0; i < 300; i++) request.Headers.Add($"X-H{i}", new string('v', 200));
            return Task.FromResult(request);
        }, KestrelLevel: true);
        yield return new("url-20kb", f => Get($"api/models/{f.Repo}/tree/main/{new string('p', 20 * 1024)}"), KestrelLevel: true);
        yield return new("json-settings-17mb", f => Task.FromResult(new HttpRequestMessage(HttpMethod.Put, $"api/models/{f.Repo}/settings")
        {
            Content = new StringContent("{\"gated\":false,\"pad\":\"" + new string('x', 17 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"),
        }));
        yield return new("json-token-100kb", _ => Task.FromResult(Post("api/settings/tokens", "{\"displayName\":\"" + new string('x', 100_000) + "\"}", "application/json")));
        yield return new("json-create-repo-depth-bomb", _ => Task.FromResult(Post("api/repos/create", "{\"name\":" + new string('[', 10_000) + new string(']', 10_000) + "}", "application/json")));
        yield return new("json-create-repo-truncated", _ => Task.FromResult(Post("api/repos/create", "{\"name\": \"x", "application/json")));
        yield return new("json-settings-truncated", f => Task.FromResult(new HttpRequestMessage(HttpMethod.Put, $"api/models/{f.Repo}/settings") { Content = new StringContent("{\"gated\":", Encoding.UTF8, "application/json") }));
        yield return new("json-ask-access-truncated", f => Task.FromResult(Post($"api/models/{f.Repo}/ask-access", "{\"reason\":", "application/json")));
        yield return new("json-token-invalid-utf8", _ => Task.FromResult(PostBytes("api/settings/tokens", [.. "{\"displayName\":\""u8, 0xc3, 0x28, .. "\"}"u8], "application/json")));
        yield return new("json-login-truncated", _ => Task.FromResult(Post("api/auth/login", "{\"username\":\"a", "application/json")), Anonymous: true);
        foreach (var (header, i) in new[] { "Basic ###", "Basic " + Convert.ToBase64String("user-only"u8.ToArray()), "Bearer " + new string('x', 10_000), "Bearer hf_\u0001\u0002", "Basic =", "Bearer ", "Negotiate abc" }.Select((h, i) => (h, i)))
        {
            yield return new($"auth-header-{i}", f =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, $"api/models/{f.Repo}/commit/main") { Content = new StringContent(Header() + "\n", Encoding.UTF8, "application/x-ndjson") };
                request.Headers.TryAddWithoutValidation("Authorization", header);
                return Task.FromResult(request);
            }, Anonymous: true);
        }
    }
}
