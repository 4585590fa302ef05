using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Http;

/// <summary>
/// A file whose name holds a '%' is reached with the name percent-encoded once, as every client sends it
/// (huggingface_hub <c>quote(filename)</c>, the JS client's <c>encodeURIComponent</c>): the hub decodes once, not twice.
/// </summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class PercentInPathTests(EmbeddedHub hub)
{
    [Fact]
    public async Task A_file_named_with_a_percent_escape_is_served_listed_and_described_under_its_own_name()
    {
        var client = hub.Client(hub.AdminToken);
        var repo = await HubApi.CreateRepoAsync(client, "pct-" + Guid.NewGuid().ToString("N")[..8]);
        await HubApi.CommitOkAsync(client, repo, "odd names",
            HubApi.File("%41.txt", Encoding.UTF8.GetBytes("percent")), HubApi.File("A.txt", Encoding.UTF8.GetBytes("letter")),
            HubApi.File("dir%2Fx/in.txt", Encoding.UTF8.GetBytes("nested")));

        Assert.Equal("percent", await client.GetStringAsync($"{repo}/resolve/main/{Uri.EscapeDataString("%41.txt")}"));
        Assert.Equal("percent", await client.GetStringAsync($"{repo}/raw/main/{Uri.EscapeDataString("%41.txt")}"));
        Assert.Equal("letter", await client.GetStringAsync($"{repo}/resolve/main/A.txt"));
        Assert.Equal("nested", await client.GetStringAsync($"{repo}/resolve/main/{Uri.EscapeDataString("dir%2Fx")}/in.txt"));
        var tree = (await client.GetFromJsonAsync<JsonArray>($"api/models/{repo}/tree/main"))!;
        Assert.Contains(tree, e => e!["path"]!.GetValue<string>() == "%41.txt");
        var folder = (await client.GetFromJsonAsync<JsonArray>($"api/models/{repo}/tree/main/{Uri.EscapeDataString("dir%2Fx")}"))!;
        Assert.Equal("dir%2Fx/in.txt", Assert.Single(folder)!["path"]!.GetValue<string>());
        // Revisions with slashes still come percent-encoded (hf-api.md §1.3).
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"api/models/{repo}/branch/dev%2Fx", new { })).StatusCode);
        Assert.Equal("percent", await client.GetStringAsync($"{repo}/resolve/dev%2Fx/{Uri.EscapeDataString("%41.txt")}"));
    }
}
