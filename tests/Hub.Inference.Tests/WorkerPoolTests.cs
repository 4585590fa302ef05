using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Inference.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Hub.Testing;

namespace Hub.Inference.Tests;

/// <summary>
/// The API tier routes to worker processes registered in the database: requests run there, the models they warm or
/// load are reported back, a worker killed under load loses no request (each is retried once on another worker), and
/// models evicted by a worker's memory budget are loaded again.
/// </summary>
public sealed class WorkerPoolTests(WorkerPoolHub pool) : IClassFixture<WorkerPoolHub>
{
    [Fact]
    public void Workers_register_through_the_database_and_warm_the_configured_model_at_start()
    {
        var workers = pool.WorkersAtStart;
        Assert.Equal(2, workers.Select(WorkerPoolHub.Url).Distinct().Count());
        Assert.All(workers, w => Assert.Contains(pool.WarmRepo, WorkerPoolHub.LoadedRepos(w)));
        Assert.All(workers, w => Assert.Contains(w!["provider"]!.GetValue<string>(), new[] { "CUDAExecutionProvider", "CPUExecutionProvider" }));
    }

    [Fact]
    public async Task An_api_without_the_inference_role_runs_requests_on_the_workers()
    {
        var client = pool.Api.Client(pool.Api.AdminToken);
        var response = await client.PostAsJsonAsync("v1/embeddings", new { model = pool.WarmRepo, input = new[] { Vectors.Food, Vectors.Bread } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(Vectors.ExpectedCosine, Vectors.Cosine(Vectors.Of(body["data"]![0]!["embedding"]!), Vectors.Of(body["data"]![1]!["embedding"]!)), 0.005);
        // The API process itself holds no model: the answer came from a worker, whose figures the API sums up.
        Assert.Empty(pool.Api.Services.GetRequiredService<InferenceService>().Health().LoadedModels);
        Assert.True((await pool.StatsAsync(pool.WarmRepo))["requests"]!.GetValue<long>() >= 1);
    }

    [Fact]
    public async Task Worker_routes_refuse_calls_without_the_pool_secret()
    {
        using var plain = new HttpClient();
        var url = WorkerPoolHub.Url(pool.WorkersAtStart[0]);
        var missing = await plain.PostAsJsonAsync($"{url}/internal/inference/task", new { inputs = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, $"{url}/internal/inference/health");
        wrong.Headers.Add("X-Hub-Worker-Secret", "not-the-secret-of-this-pool-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, (await plain.SendAsync(wrong)).StatusCode);
    }

    [Fact]
    public async Task Models_evicted_by_a_workers_memory_budget_are_loaded_again_and_keep_answering()
    {
        var client = pool.Api.Client(pool.Api.AdminToken);
        var repos = new List<string>();
        foreach (var name in new[] { "pool-a", "pool-b", "pool-c" })
            repos.Add(await ModelRepos.UploadAsync(client, name,
                [new("model.onnx", TinyModels.TextClassifier()), new("vocab.txt", TinyModels.VocabTxt), new("README.md", ModelRepos.Card("text-classification"))]));
        string? expected = null;
        // Three models, two workers holding one model each: every round evicts and loads again.
        for (var round = 0; round < 3; round++)
            foreach (var repo in repos)
            {
                var response = await client.PostAsJsonAsync($"models/{repo}", new { inputs = "the movie was great" });
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, body);
                Assert.Equal(expected ??= body, body);
            }
        var stats = await Task.WhenAll(repos.Select(pool.StatsAsync));
        Assert.True(stats.Sum(s => s["evictions"]!.GetValue<long>()) >= 1, string.Join("\n", stats.Select(s => s.ToJsonString())));
        Assert.True(stats.Sum(s => s["loads"]!.GetValue<long>()) > repos.Count, string.Join("\n", stats.Select(s => s.ToJsonString())));
    }

    [Fact]
    public async Task Killing_a_worker_under_load_loses_no_request()
    {
        var client = pool.Api.Client(pool.Api.AdminToken);
        var reference = new Dictionary<string, float[]>();
        foreach (var text in new[] { Vectors.Food, Vectors.Bread }) reference[text] = await EmbedAsync(client, text);
        // A third worker, warmed with MiniLM like the others, is the one that dies.
        var victim = pool.StartWorker();
        await pool.WaitForWorkersAsync(all => all.Any(w => w!["id"]!.GetValue<string>().Contains($"-{victim.Id}-", StringComparison.Ordinal)
            && WorkerPoolHub.LoadedRepos(w).Contains(pool.WarmRepo)), [victim]);
        long retries = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "hub.api.inference.retries") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref retries, value));
        listener.Start();

        var done = 0;
        var next = -1;
        var failures = new List<string>();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < 200)
            {
                var text = i % 2 == 0 ? Vectors.Food : Vectors.Bread;
                var response = await client.PostAsJsonAsync("v1/embeddings", new { model = pool.WarmRepo, input = text });
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK) lock (failures) failures.Add($"{(int)response.StatusCode}: {body}");
                else Assert.Equal(reference[text], Vectors.Of(JsonNode.Parse(body)!["data"]![0]!["embedding"]!), new ToleranceComparer(1e-4f));
                if (Interlocked.Increment(ref done) == 30) victim.Kill();
            }
        }));

        Assert.Empty(failures);
        Assert.True(victim.HasExited);
        // The kill hit requests in flight on the victim, and they were sent again to the workers left.
        Assert.True(Interlocked.Read(ref retries) > 0, "No request was in flight on the killed worker.");
    }

    private async Task<float[]> EmbedAsync(HttpClient client, string text)
    {
        var response = await client.PostAsJsonAsync("v1/embeddings", new { model = pool.WarmRepo, input = text });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return Vectors.Of(body["data"]![0]!["embedding"]!);
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
