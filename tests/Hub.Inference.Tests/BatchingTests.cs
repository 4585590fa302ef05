using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Inference.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Inference.Tests;

/// <summary>Dynamic batching: concurrent requests share session runs and get exactly what they would get alone.</summary>
[Collection(InferenceHubCollection.Name)]
public sealed class BatchingTests(InferenceHub hub)
{
    [Fact]
    public async Task Concurrent_requests_share_session_runs_and_each_gets_its_unbatched_result()
    {
        var repo = await hub.RepoAsync("minilm-batching", () => MiniLm.RepoFiles("feature-extraction"));
        var client = hub.Client(hub.AdminToken);
        var texts = Enumerable.Range(0, 64).Select(i => $"Sentence number {i} talks about {(i % 3 == 0 ? "a long walk along the quiet river at dawn" : "food")}.").ToArray();
        // Alone: one request at a time, so every batch holds one sequence.
        var alone = new List<float[]>();
        foreach (var text in texts) alone.Add(await EmbedAsync(client, repo, text));
        var before = await StatsAsync(client, repo);
        Assert.Equal(64, before["session_runs"]!.GetValue<long>());

        var together = await Task.WhenAll(texts.Select(t => EmbedAsync(client, repo, t)));

        var after = await StatsAsync(client, repo);
        var runs = after["session_runs"]!.GetValue<long>() - before["session_runs"]!.GetValue<long>();
        Assert.True(runs < 64, $"64 concurrent requests took {runs} session runs");
        for (var i = 0; i < texts.Length; i++)
            for (var j = 0; j < 384; j++)
                Assert.Equal(alone[i][j], together[i][j], 1e-4);
    }

    [Fact]
    public async Task A_full_queue_answers_429_with_retry_after_and_the_accepted_requests_succeed()
    {
        var repo = await hub.RepoAsync(InferenceHub.SmallQueueName, () => MiniLm.RepoFiles("feature-extraction"));
        var client = hub.Client(hub.AdminToken);
        await EmbedAsync(client, repo, "warm up"); // load the model first, so the burst meets a running queue
        var long_text = string.Join(' ', Enumerable.Repeat("a rather long sentence about nothing in particular", 20));
        var responses = await Task.WhenAll(Enumerable.Range(0, 48).Select(_ =>
            client.PostAsJsonAsync("v1/embeddings", new { model = repo, input = long_text })));
        var rejected = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(rejected);
        Assert.All(rejected, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        Assert.All(responses.Except(rejected), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var error = JsonNode.Parse(await rejected[0].Content.ReadAsStringAsync())!;
        Assert.Equal(429, error["code"]!.GetValue<int>());
    }

    private static async Task<float[]> EmbedAsync(HttpClient client, string repo, string text)
    {
        var response = await client.PostAsJsonAsync("v1/embeddings", new { model = repo, input = text });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return Vectors.Of(body["data"]![0]!["embedding"]!);
    }

    private static async Task<JsonNode> StatsAsync(HttpClient client, string repo) =>
        JsonNode.Parse(await client.GetStringAsync($"v2/models/{repo.Replace("/", "--", StringComparison.Ordinal)}/stats"))!;
}
