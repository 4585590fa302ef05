using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Bench.Inference;

/// <summary>Uploads a model repo the way clients do: small files inline, large ones through the LFS batch API.</summary>
internal static class ModelUpload
{
    /// <summary>Creates <c>{caller}/{name}</c> with the client's token and commits the files; returns the repo id.</summary>
    public static async Task<string> UploadAsync(HttpClient client, string name, IEnumerable<(string Path, byte[] Content, bool Lfs)> files)
    {
        var created = await client.PostAsJsonAsync("api/repos/create", new { name, type = "model" });
        created.EnsureSuccessStatusCode();
        var repo = (await created.Content.ReadFromJsonAsync<JsonObject>())!["name"]!.GetValue<string>();
        var lines = new List<string> { JsonSerializer.Serialize(new { key = "header", value = new { summary = "Add model", description = "" } }) };
        foreach (var (path, content, lfs) in files)
        {
            if (!lfs)
            {
                lines.Add(JsonSerializer.Serialize(new { key = "file", value = new { path, content = Convert.ToBase64String(content), encoding = "base64" } }));
                continue;
            }
            var oid = Convert.ToHexStringLower(SHA256.HashData(content));
            var batch = await client.PostAsync($"{repo}.git/info/lfs/objects/batch", new StringContent(
                JsonSerializer.Serialize(new { operation = "upload", transfers = new[] { "basic" }, objects = new[] { new { oid, size = content.Length } } }),
                Encoding.UTF8, "application/vnd.git-lfs+json"));
            batch.EnsureSuccessStatusCode();
            var actions = JsonNode.Parse(await batch.Content.ReadAsStringAsync())!["objects"]![0]!["actions"];
            if (actions?["upload"]?["href"]?.GetValue<string>() is { } href)
            {
                using var plain = new HttpClient();
                (await plain.PutAsync(href, new ByteArrayContent(content))).EnsureSuccessStatusCode();
                if (actions["verify"]?["href"]?.GetValue<string>() is { } verify)
                    (await client.PostAsync(verify, JsonContent.Create(new { oid, size = content.Length }))).EnsureSuccessStatusCode();
            }
            lines.Add(JsonSerializer.Serialize(new { key = "lfsFile", value = new { path, algo = "sha256", oid, size = content.Length } }));
        }
        var commit = await client.PostAsync($"api/models/{repo}/commit/main", new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson"));
        commit.EnsureSuccessStatusCode();
        return repo;
    }
}
