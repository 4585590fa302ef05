using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Inference.Tests.Infrastructure;

namespace Hub.Inference.Tests;

/// <summary>A graph ONNX Runtime cannot load is a 500 that says why, without the worker's file system paths.</summary>
[Collection(InferenceHubCollection.Name)]
public sealed class BrokenModelTests(InferenceHub hub)
{
    [Fact]
    public async Task A_graph_that_does_not_load_answers_500_with_the_reason_and_no_local_paths()
    {
        var client = hub.Client(hub.AdminToken);
        var repo = await ModelRepos.UploadAsync(client, "broken-" + Guid.NewGuid().ToString("N")[..8],
        [
            new("model.onnx", Encoding.UTF8.GetBytes("this is not an ONNX graph " + Guid.NewGuid())),
            new("vocab.txt", TinyModels.VocabTxt),
            new("README.md", ModelRepos.Card("text-classification")),
        ]);

        using var response = await client.PostAsJsonAsync($"models/{repo}", new { inputs = "the movie was great" });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>();
        Assert.StartsWith("Inference failed: ", message, StringComparison.Ordinal);
        Assert.Contains("model.onnx", message, StringComparison.Ordinal);
        Assert.DoesNotContain("inference-cache", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), message, StringComparison.Ordinal);
    }
}
