using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;
using Hub.Inference.Tests.Infrastructure;

namespace Hub.Inference.Tests;

/// <summary>A model's figures are kept per revision: the stats route and the Prometheus series both tell revisions apart.</summary>
[Collection(InferenceHubCollection.Name)]
public sealed class MetricsTests(InferenceHub hub)
{
    [Fact]
    public async Task Requests_batch_sizes_queue_and_run_times_are_counted_per_model_and_revision()
    {
        var client = hub.Client(hub.AdminToken);
        var repo = await ModelRepos.UploadAsync(client, "metrics-" + Guid.NewGuid().ToString("N")[..8],
        [
            new("model.onnx", TinyModels.TextClassifier()),
            new("vocab.txt", TinyModels.VocabTxt),
            new("README.md", ModelRepos.Card("text-classification")),
        ]);
        var first = (await client.GetFromJsonAsync<JsonObject>($"api/models/{repo}"))!["sha"]!.GetValue<string>();
        for (var i = 0; i < 2; i++) await ClassifyAsync(client, repo);
        var second = await HubApi.CommitOkAsync(client, repo, "Touch the card",
            HubApi.File("README.md", [.. ModelRepos.Card("text-classification"), .. Encoding.UTF8.GetBytes("\nSecond revision.\n")]));
        // Another caller: a caller's grant (with the head it saw) is reused for a moment (Hub:Inference:RepoCacheSeconds).
        var reader = hub.Client((await hub.CreateUserAsync()).Token);
        for (var i = 0; i < 3; i++) await ClassifyAsync(reader, repo);

        var name = repo.Replace("/", "--", StringComparison.Ordinal);
        var atFirst = (await client.GetFromJsonAsync<JsonObject>($"v2/models/{name}/versions/{first}/stats"))!;
        var atSecond = (await client.GetFromJsonAsync<JsonObject>($"v2/models/{name}/versions/{second}/stats"))!;
        var atHead = (await reader.GetFromJsonAsync<JsonObject>($"v2/models/{name}/stats"))!;
        Assert.Equal(first, atFirst["model_version"]!.GetValue<string>());
        Assert.Equal(second, atSecond["model_version"]!.GetValue<string>());
        Assert.Equal(2, atFirst["requests"]!.GetValue<long>());
        Assert.Equal(3, atSecond["requests"]!.GetValue<long>());
        Assert.Equal(3, atHead["requests"]!.GetValue<long>());
        foreach (var (stats, requests) in new[] { (atFirst, 2), (atSecond, 3) })
        {
            // One sequence per request, one request at a time: as many runs as requests, all in the batch-size-1 bucket.
            Assert.True(requests == stats["session_runs"]!.GetValue<long>(), stats.ToJsonString());
            var histogram = stats["batch_sizes"]!.AsObject();
            Assert.Equal(requests, histogram.Sum(b => b.Value!.GetValue<long>()));
            Assert.True(stats["run_ms_p50"]!.GetValue<double>() > 0, stats.ToJsonString());
            Assert.True(stats["run_ms_p99"]!.GetValue<double>() >= stats["run_ms_p50"]!.GetValue<double>(), stats.ToJsonString());
            Assert.True(stats["queue_ms_p99"]!.GetValue<double>() >= stats["queue_ms_p50"]!.GetValue<double>(), stats.ToJsonString());
        }

        // The same figures reach Prometheus as series labelled with the repository's id (its name, which a private
        // repository keeps from strangers, never appears on /metrics) and revision.
        var id = (await client.GetFromJsonAsync<JsonObject>($"api/models/{repo}"))!["_id"]!.GetValue<string>();
        foreach (var revision in new[] { first, second })
        {
            var labels = $"model=\"{id}\"";
            var series = await ScrapeUntilAsync(client, text => Lines(text, "hub_inference_requests_total{", labels, revision).Length > 0
                && Lines(text, "hub_inference_batch_size_bucket{", labels, revision).Length > 0);
            Assert.Contains(Lines(series, "hub_inference_run_time", labels, revision), l => l.Contains("_bucket{", StringComparison.Ordinal));
            Assert.Contains(Lines(series, "hub_inference_queue_time", labels, revision), l => l.Contains("_bucket{", StringComparison.Ordinal));
            Assert.DoesNotContain(repo, series, StringComparison.Ordinal);
        }
    }

    private static async Task ClassifyAsync(HttpClient client, string repo)
    {
        var response = await client.PostAsJsonAsync($"models/{repo}", new { inputs = "the movie was great" });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static string[] Lines(string text, string prefix, string labels, string revision) =>
        [.. text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains(labels, StringComparison.Ordinal)
            && l.Contains($"revision=\"{revision}\"", StringComparison.Ordinal))];

    /// <summary>The Prometheus exporter caches a scrape for a moment: reads again until the series are there.</summary>
    private static async Task<string> ScrapeUntilAsync(HttpClient client, Func<string, bool> done)
    {
        var text = "";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            text = await client.GetStringAsync("metrics");
            if (done(text)) return text;
            await Task.Delay(200);
        }
        throw new InvalidOperationException("The series never appeared:\n" + string.Join('\n', text.Split('\n').Where(l => l.StartsWith("hub_inference", StringComparison.Ordinal))));
    }
}
