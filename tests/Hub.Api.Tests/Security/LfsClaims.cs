using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Api.Tests.Security;

/// <summary>LFS batch calls for the ownership tests: the one object entry of the reply.</summary>
public static class LfsClaims
{
    public static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    public static Task<JsonNode> BatchUploadAsync(HttpClient client, string repo, string oid, long size) => BatchAsync(client, repo, "upload", oid, size);

    public static Task<JsonNode> BatchDownloadAsync(HttpClient client, string repo, string oid, long size) => BatchAsync(client, repo, "download", oid, size);

    private static async Task<JsonNode> BatchAsync(HttpClient client, string repo, string operation, string oid, long size)
    {
        var response = await client.PostAsync($"{repo}.git/info/lfs/objects/batch", new StringContent(
            JsonSerializer.Serialize(new { operation, transfers = new[] { "basic" }, objects = new[] { new { oid, size } }, hash_algo = "sha256" }),
            Encoding.UTF8, "application/vnd.git-lfs+json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["objects"]![0]!;
    }
}
