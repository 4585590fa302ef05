using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hub.Deploy.Tests.ScaleOut;

/// <summary>What the tests assert about the hub's state, read back through the HTTP API.</summary>
public static class HubChecks
{
    public static async Task CreateRepoAsync(HttpClient client, string name)
    {
        using var response = await client.PostAsJsonAsync("api/repos/create", new { name, type = "model" });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Every acknowledged commit exists and its file is still on the branch head with its content (a lost update would
    /// drop files of commits it overwrote), and the indexed head (what listings show) is the git head.
    /// </summary>
    public static async Task NothingLostAsync(HttpClient client, string repo, IReadOnlyCollection<AcknowledgedCommit> acknowledged)
    {
        var head = await GitHeadAsync(client, repo);
        foreach (var commit in acknowledged)
        {
            Assert.Equal(commit.Content, await GetAsync(client, $"{repo}/resolve/{commit.CommitOid}/{commit.Path}"));
            Assert.Equal(commit.Content, await GetAsync(client, $"{repo}/resolve/{head}/{commit.Path}"));
        }
        Assert.Equal(acknowledged.Count, acknowledged.Select(c => c.CommitOid).Distinct().Count());
        var (owner, name) = (repo.Split('/')[0], repo.Split('/')[1]);
        var listed = await client.GetFromJsonAsync<JsonArray>($"api/models?author={owner}&search={name}&expand[]=sha");
        var item = listed!.Single(i => i!["id"]!.GetValue<string>() == repo)!;
        Assert.Equal(head, item["sha"]?.GetValue<string>());
    }

    public static async Task<string> GitHeadAsync(HttpClient client, string repo)
    {
        var refs = await client.GetFromJsonAsync<JsonObject>($"api/models/{repo}/refs");
        return refs!["branches"]!.AsArray().Single(b => b!["name"]!.GetValue<string>() == "main")!["targetCommit"]!.GetValue<string>();
    }

    public static async Task<string> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return text;
    }
}
