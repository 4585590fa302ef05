using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;
using Hub.Inference.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Inference.Tests;

/// <summary>A hub whose inference memory budget holds one small model at a time.</summary>
public sealed class TinyBudgetHub() : HubServer(production: false)
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Hub:Inference:MemoryBudgetBytes", "1")];
}

/// <summary>The session cache evicts the least recently used model beyond its memory budget and reloads it on demand.</summary>
public sealed class EvictionTests(TinyBudgetHub hub) : IClassFixture<TinyBudgetHub>
{
    [Fact]
    public async Task Loading_a_model_over_budget_evicts_the_previous_one_which_is_reloaded_when_called_again()
    {
        var client = hub.Client(hub.AdminToken);
        IEnumerable<RepoFile> Files() => [new("model.onnx", TinyModels.TextClassifier()), new("vocab.txt", TinyModels.VocabTxt), new("README.md", ModelRepos.Card("text-classification"))];
        var first = await ModelRepos.UploadAsync(client, "first", Files());
        var second = await ModelRepos.UploadAsync(client, "second", Files());

        var expected = await ClassifyAsync(client, first);
        Assert.Equal([first], await LoadedAsync(client));
        await ClassifyAsync(client, second);
        Assert.Equal([second], await LoadedAsync(client));
        Assert.Equal(expected, await ClassifyAsync(client, first));
        Assert.Equal([first], await LoadedAsync(client));
    }

    private static async Task<string> ClassifyAsync(HttpClient client, string repo)
    {
        var response = await client.PostAsJsonAsync($"models/{repo}", new { inputs = "the movie was great" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }

    private static async Task<string[]> LoadedAsync(HttpClient client)
    {
        var health = JsonNode.Parse(await client.GetStringAsync("v2/health/ready"))!;
        return [.. health["worker"]!["loadedModels"]!.AsArray().Select(m => m!.GetValue<string>().Split('@')[0])];
    }
}
