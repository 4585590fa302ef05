using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Api.Tests.Infrastructure;

/// <summary>Small client-side helpers speaking the HF wire protocol, as the Python/JS clients do.</summary>
public static class HubApi
{
    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>git's blob id: sha1 of "blob {size}\0" + content.</summary>
#pragma warning disable CA5350 // git object ids are SHA-1 by definition
    public static string GitBlobId(byte[] data) =>
        Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {data.Length}\0"), .. data]));
#pragma warning restore CA5350

    public static async Task<string> CreateRepoAsync(HttpClient client, string name, string type = "model", bool isPrivate = false, string? organization = null)
    {
        var response = await client.PostAsJsonAsync("api/repos/create", new { name, type, @private = isPrivate, organization });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["name"]!.GetValue<string>();
    }

    public static async Task<HttpResponseMessage> CommitAsync(HttpClient client, string repo, string summary, IEnumerable<object> operations, string revision = "main", string? parent = null, bool createPr = false, string type = "model")
    {
        var lines = new List<string> { JsonSerializer.Serialize(new { key = "header", value = new { summary, description = "", parentCommit = parent } }) };
        lines.AddRange(operations.Select(o => JsonSerializer.Serialize(o)));
        var content = new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson");
        return await client.PostAsync($"api/{type}s/{repo}/commit/{Uri.EscapeDataString(revision)}{(createPr ? "?create_pr=1" : "")}", content);
    }

    public static object File(string path, byte[] content) => new { key = "file", value = new { path, content = Convert.ToBase64String(content), encoding = "base64" } };

    public static object LfsFile(string path, byte[] content) => new { key = "lfsFile", value = new { path, algo = "sha256", oid = Sha256(content), size = content.Length } };

    public static async Task<string> CommitOkAsync(HttpClient client, string repo, string summary, params object[] operations)
    {
        var response = await CommitAsync(client, repo, summary, operations);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!["commitOid"]!.GetValue<string>();
    }

    /// <summary>Uploads bytes through the LFS batch API the way huggingface_hub does (basic PUT without auth, then verify).</summary>
    public static async Task UploadLfsAsync(HttpClient client, string repo, byte[] content, string prefix = "")
    {
        var oid = Sha256(content);
        var batch = await client.PostAsync($"{prefix}{repo}.git/info/lfs/objects/batch", new StringContent(
            JsonSerializer.Serialize(new { operation = "upload", transfers = new[] { "basic" }, objects = new[] { new { oid, size = content.Length } }, hash_algo = "sha256" }),
            Encoding.UTF8, "application/vnd.git-lfs+json"));
        var text = await batch.Content.ReadAsStringAsync();
        Assert.True(batch.IsSuccessStatusCode, text);
        var obj = JsonNode.Parse(text)!["objects"]![0]!;
        if (obj["actions"]?["upload"]?["href"]?.GetValue<string>() is not { } href) return;
        using var plain = new HttpClient();
        var put = await plain.PutAsync(href, new ByteArrayContent(content));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        if (obj["actions"]?["verify"]?["href"]?.GetValue<string>() is { } verify)
        {
            var verified = await client.PostAsync(verify, JsonContent.Create(new { oid, size = content.Length }));
            Assert.True(verified.IsSuccessStatusCode, await verified.Content.ReadAsStringAsync());
        }
    }
}
