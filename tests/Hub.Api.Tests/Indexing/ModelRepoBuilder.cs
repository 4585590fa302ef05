using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Indexing;

/// <summary>Pushes files the way huggingface_hub does: small ones inline, large ones through LFS, one commit.</summary>
public static class ModelRepoBuilder
{
    public static async Task<string> CommitAsync(HttpClient client, string repo, string summary, IReadOnlyDictionary<string, byte[]> files, ISet<string>? lfs = null, string type = "model", string revision = "main")
    {
        var operations = new List<object>();
        foreach (var (path, content) in files)
        {
            if (lfs?.Contains(path) == true)
            {
                await HubApi.UploadLfsAsync(client, repo, content, type == "model" ? "" : type + "s/");
                operations.Add(HubApi.LfsFile(path, content));
            }
            else
            {
                operations.Add(HubApi.File(path, content));
            }
        }
        var response = await HubApi.CommitAsync(client, repo, summary, operations, revision: revision, type: type);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["commitOid"]!.GetValue<string>();
    }

    public static byte[] Text(string value) => Encoding.UTF8.GetBytes(value);

    public static async Task<JsonNode> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public static async Task CreateBranchAsync(HttpClient client, string repo, string branch)
    {
        var response = await client.PostAsJsonAsync($"api/models/{repo}/branch/{branch}", new { });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Asserts two JSON values are equal (object members in any order), showing both when not.</summary>
    public static void JsonEqual(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");
}
