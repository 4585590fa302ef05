using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Hub.Bench.Inference;

/// <summary>Embedding requests on <c>/v1/embeddings</c>, one sentence each, as a client would send them.</summary>
internal sealed class RestLoad(HttpClient client, string repo)
{
    /// <summary>Milliseconds of one request for <paramref name="sentence"/>.</summary>
    public async Task<double> SingleAsync(string sentence)
    {
        var started = Stopwatch.GetTimestamp();
        await SendAsync(sentence);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>
    /// Sentences per second (and CPU per sentence, client included) with <paramref name="concurrency"/> clients, each
    /// sending its next request when the last one is answered.
    /// </summary>
    public Task<CpuMeter> ThroughputAsync(string[] sentences, int concurrency)
    {
        var next = -1;
        return CpuMeter.MeasureAsync(sentences.Length, () => Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < sentences.Length) await SendAsync(sentences[i]);
        })));
    }

    /// <summary>The vector the hub answers for <paramref name="sentence"/>.</summary>
    public async Task<float[]> EmbedAsync(string sentence)
    {
        using var response = await client.PostAsJsonAsync("v1/embeddings", new { model = repo, input = sentence });
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return [.. body["data"]![0]!["embedding"]!.AsArray().Select(v => v!.GetValue<float>())];
    }

    private async Task SendAsync(string sentence)
    {
        var json = "{\"model\":\"" + repo + "\",\"input\":\"" + sentence + "\"}";
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("v1/embeddings", content);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }
}
