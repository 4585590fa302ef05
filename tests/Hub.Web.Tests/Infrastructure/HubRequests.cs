using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Web.Tests.Infrastructure;

/// <summary>Setting up repositories through the HTTP API with a token (what the pages under test then show).</summary>
public static class HubRequests
{
    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static async Task<string> CreateRepoAsync(HttpClient client, string name, string type = "model", bool isPrivate = false, string? organization = null)
    {
        var response = await client.PostAsJsonAsync("api/repos/create", new { name, type, @private = isPrivate, organization });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["name"]!.GetValue<string>();
    }

    /// <summary>Commits regular files (path → text) in one commit; answers the commit id.</summary>
    public static async Task<string> CommitAsync(HttpClient client, string repo, string summary, IDictionary<string, string> files, string type = "model", IEnumerable<string>? deletions = null)
    {
        var lines = new List<string> { JsonSerializer.Serialize(new { key = "header", value = new { summary, description = "" } }) };
        lines.AddRange(files.Select(f => JsonSerializer.Serialize(new { key = "file", value = new { path = f.Key, content = Convert.ToBase64String(Encoding.UTF8.GetBytes(f.Value)), encoding = "base64" } })));
        lines.AddRange((deletions ?? []).Select(p => JsonSerializer.Serialize(new { key = "deletedFile", value = new { path = p } })));
        var response = await client.PostAsync($"api/{type}s/{repo}/commit/main", new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["commitOid"]!.GetValue<string>();
    }

    /// <summary>Uploads an LFS object the way huggingface_hub does (batch, PUT, verify) and commits it at <paramref name="path"/>.</summary>
    public static async Task<string> CommitLfsAsync(HttpClient client, string repo, string path, byte[] content, string summary, string type = "model")
    {
        var oid = Sha256(content);
        var prefix = type == "model" ? "" : type + "s/";
        var batch = await client.PostAsync($"{prefix}{repo}.git/info/lfs/objects/batch", new StringContent(
            JsonSerializer.Serialize(new { operation = "upload", transfers = new[] { "basic" }, objects = new[] { new { oid, size = content.Length } }, hash_algo = "sha256" }),
            Encoding.UTF8, "application/vnd.git-lfs+json"));
        var answer = JsonNode.Parse(await batch.Content.ReadAsStringAsync())!["objects"]![0]!;
        if (answer["actions"]?["upload"]?["href"]?.GetValue<string>() is { } href)
        {
            using var plain = new HttpClient();
            var put = await plain.PutAsync(href, new ByteArrayContent(content));
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
            if (answer["actions"]?["verify"]?["href"]?.GetValue<string>() is { } verify)
                Assert.True((await client.PostAsync(verify, JsonContent.Create(new { oid, size = content.Length }))).IsSuccessStatusCode);
        }
        var lines = new[]
        {
            JsonSerializer.Serialize(new { key = "header", value = new { summary, description = "" } }),
            JsonSerializer.Serialize(new { key = "lfsFile", value = new { path, algo = "sha256", oid, size = content.Length } }),
        };
        var response = await client.PostAsync($"api/{type}s/{repo}/commit/main", new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["commitOid"]!.GetValue<string>();
    }
}
