using System.Net;
using System.Net.Http.Json;
using Hub.Api.Tests.Infrastructure;
using Hub.Api.Tests.Security.Scanning;

namespace Hub.Api.Tests.Security;

/// <summary>
/// Quarantine withholds an unsafe file until an admin releases it: an ONNX graph held there (external data pointing
/// outside the repository) is not downloadable, and the hosted inference routes do not load and run it either.
/// </summary>
public sealed class QuarantinedModelInferenceTests(QuarantineHub hub) : IClassFixture<QuarantineHub>
{
    [Fact]
    public async Task A_quarantined_onnx_graph_is_not_run_by_any_inference_route()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, "quarantined-model-" + Guid.NewGuid().ToString("N")[..8]);
        var graph = Onnx.WithExternalData($"../../../../tmp/{Guid.NewGuid():N}"); // unique bytes: objects are shared hub-wide
        await HubApi.UploadLfsAsync(client, repo, graph);
        await HubApi.CommitOkAsync(client, repo, "model", HubApi.LfsFile("model.onnx", graph),
            HubApi.File("config.json", """{"model_type":"bert"}"""u8.ToArray()), HubApi.File("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\n"u8.ToArray()),
            HubApi.File("README.md", "---\npipeline_tag: feature-extraction\n---\n"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{repo}/resolve/main/model.onnx")).StatusCode);

        foreach (var call in new[]
        {
            client.PostAsJsonAsync($"models/{repo}", new { inputs = "hello" }),
            client.PostAsJsonAsync("v1/embeddings", new { model = repo, input = "hello" }),
            client.PostAsJsonAsync($"v2/models/{repo.Replace("/", "--", StringComparison.Ordinal)}/infer",
                new { inputs = new[] { new { name = "input_ids", shape = new[] { 1, 1 }, datatype = "INT64", data = new[] { 1 } } } }),
        })
        {
            using var response = await call;
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
