using System.Net.Http.Json;

namespace Hub.Bench.Inference;

/// <summary>
/// MiniLM embeddings through the hub's REST API (<c>/v1/embeddings</c>, one sentence per request) against raw
/// in-process ONNX Runtime on the same pre-tokenized sentences, in one run. Measurements alternate between the two so
/// that both see the same machine load: latency pairs one raw batch-1 run with one REST request at concurrency 1;
/// throughput runs rounds of a raw sweep (batch 8, 16, 32, 64) that picks the round's best batch size, then raw at that
/// size, REST at concurrency 64 and raw at that size again (REST is compared with the mean of the two raw figures
/// around it; its ratio to the sweep's best figure is printed too), then REST with batching off. Each figure comes with
/// the CPU time per sentence this process spent, and raw with its batches sorted by length is printed beside (not the
/// baseline: it shows what the hub's length bucketing saves on its own). Prints the medians over rounds. Before
/// measuring, checks the answers on this provider: the reference cosine of MiniLM through REST, and REST vectors equal
/// to raw ONNX Runtime's (exit 3 when not). Arguments: <c>[sentences] [--rounds R] [--require-cuda]</c> (default 256,
/// 3; with --require-cuda, exit 2 unless sessions run on CUDA: for bench/gpu-check.sh).
/// </summary>
internal static class InferenceBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 256;
        var rounds = Options.Number(args, "--rounds", 3);
        var sentences = Sentences(count);
        var (model, vocab) = (Hub.Testing.MiniLm.Model, Hub.Testing.MiniLm.Vocab);
        await using var hub = await BenchHub.StartAsync(new Dictionary<string, string?>
        {
            ["Hub:Inference:Models:admin/minilm-nobatch:MaxBatchSize"] = "1",
            // No web role: the UI is not measured, and a published bench (bench/gpu-check.sh) has no static assets manifest.
            ["Hub:Roles"] = "api,inference",
        });
        (string, byte[], bool)[] files = [("model.onnx", model, true), ("vocab.txt", vocab, false), ("README.md", "---\npipeline_tag: feature-extraction\n---\n"u8.ToArray(), false)];
        using var client = hub.Client();
        var batched = new RestLoad(client, await hub.UploadAsync("minilm", files));
        var unbatched = new RestLoad(client, await hub.UploadAsync("minilm-nobatch", files));
        var provider = (await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("v2/health/ready"))!["provider"]!.GetValue<string>();
        Console.WriteLine($"MiniLM embeddings, {count} sentences, provider {provider}, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        if (args.Contains("--require-cuda") && provider != "CUDAExecutionProvider")
        {
            Console.WriteLine($"CHECK provider={provider}: FAILED (CUDA was required; see the hub's log above for why CUDA was not taken)");
            return 2;
        }
        using var raw = new RawOnnx(model, vocab, sentences, provider == "CUDAExecutionProvider");
        if (!await CheckAnswersAsync(batched, raw, sentences)) return 3;
        await batched.ThroughputAsync(sentences[..Math.Min(64, count)], 8); // load, JIT and warm both models
        await unbatched.ThroughputAsync(sentences[..Math.Min(64, count)], 8);

        // Latency at concurrency 1: a raw run and a REST request on the same sentence, one after the other.
        var pairs = Math.Max(64, Math.Min(count, 256));
        var rawMs = new double[pairs];
        var restMs = new double[pairs];
        var floorMs = new double[pairs];
        var serviceMs = new double[pairs];
        var service = await InProcessService.CreateAsync(hub, "admin/minilm");
        double[] serverMs;
        using (var server = new ServerTimes("POST /v1/embeddings"))
        {
            for (var i = 0; i < pairs; i++)
            {
                rawMs[i] = raw.Single(i);
                restMs[i] = await batched.SingleAsync(sentences[i % count]);
                floorMs[i] = await FloorAsync(client);
                serviceMs[i] = await service.EmbedAsync(sentences[i % count]);
            }
            serverMs = server.Take();
        }
        var added = Median(restMs) - Median(rawMs);
        Console.WriteLine($"  c=1 latency p50: raw {Median(rawMs):F2} ms, REST {Median(restMs):F2} ms, added {added:F2} ms (median of pairwise differences {Median([.. restMs.Zip(rawMs, (a, b) => a - b)]):F2} ms)");
        Console.WriteLine($"  of which: the hub's inference below HTTP (tokenizer, batcher, session, pooling; in process) p50 {Median(serviceMs):F2} ms = raw + {Median(serviceMs) - Median(rawMs):F2} ms;"
            + $" the hub's request handling around it (ASP.NET Core's request time {Median(serverMs):F2} ms) + {Median(serverMs) - Median(serviceMs):F2} ms;"
            + $" loopback round trip and client {Median(restMs) - Median(serverMs):F2} ms");
        Console.WriteLine($"  HTTP floor on this machine now: GET /v2 (no inference) p50 {Median(floorMs):F2} ms");

        var c64 = new List<double>();
        var c64Sweep = new List<double>();
        var gains = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var sweep = new[] { 8, 16, 32, 64 }.Select(b => (Batch: b, Meter: raw.Throughput(b))).ToList();
            var best = sweep.MaxBy(t => t.Meter.PerSecond);
            Console.WriteLine("  raw: " + string.Join(", ", sweep.Select(r => $"batch {r.Batch} {r.Meter.PerSecond:F0}/s")));
            // The best of four noisy figures is biased upwards, and load drifts: raw at the chosen batch size is
            // measured again right before and right after REST, and REST is compared with the mean of the two.
            var before = raw.Throughput(best.Batch);
            var on = await batched.ThroughputAsync(sentences, 64);
            var after = raw.Throughput(best.Batch);
            var off = await unbatched.ThroughputAsync(sentences, 64);
            var c8 = round == 1 ? (await batched.ThroughputAsync(sentences, 8)).PerSecond : double.NaN;
            // Not the baseline: what sorting by length (the hub's batch selection) saves on its own, so the REST
            // overhead can be read apart from it.
            var sorted = raw.Throughput(best.Batch, byLength: true);
            var rawAt = (before.PerSecond + after.PerSecond) / 2;
            c64.Add(on.PerSecond / rawAt);
            c64Sweep.Add(on.PerSecond / best.Meter.PerSecond);
            gains.Add(on.PerSecond / off.PerSecond);
            Console.WriteLine($"  round {round}: raw batch {best.Batch} {before.PerSecond,6:F1}/s before, {after.PerSecond,6:F1}/s after; REST c=64 {on.PerSecond,6:F1}/s"
                + $" = {on.PerSecond / rawAt:F2} x raw ({on.PerSecond / best.Meter.PerSecond:F2} x the sweep's best); batching off {off.PerSecond,6:F1}/s"
                + (double.IsNaN(c8) ? "" : $"; REST c=8 {c8,6:F1}/s"));
            Console.WriteLine($"           raw batch {best.Batch} sorted by length (not the baseline) {sorted.PerSecond,6:F1}/s; load average {LoadAverage()}");
            Console.WriteLine($"           CPU per sentence (this process, all threads): raw {(before.CpuMsPerItem + after.CpuMsPerItem) / 2:F2} ms, raw sorted {sorted.CpuMsPerItem:F2} ms,"
                + $" REST c=64 {on.CpuMsPerItem:F2} ms, batching off {off.CpuMsPerItem:F2} ms");
        }
        var stats = await client.GetStringAsync("v2/models/admin--minilm/stats");
        Console.WriteLine($"  batched model figures: {stats}");
        Console.WriteLine($"RESULT rest_c64_vs_raw={Median([.. c64]):F2} (goal >= 0.9; rounds {string.Join(", ", c64.Select(r => r.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))})");
        Console.WriteLine($"RESULT rest_c64_vs_raw_sweep_best={Median([.. c64Sweep]):F2} (REST over the best figure of the raw sweep itself)");
        Console.WriteLine($"RESULT batching_gain={Median([.. gains]):F2} (goal on GPU >= 3)");
        Console.WriteLine($"RESULT added_p50_c1_ms={added:F2} (goal <= 1)");
        Console.WriteLine($"RESULT added_p50_c1_in_hub_ms={Median(serverMs) - Median(rawMs):F2} (ASP.NET Core's request time minus raw: the same figure without the loopback round trip and the client)");
        Console.WriteLine($"  load average at the end: {LoadAverage()}");
        return 0;
    }

    /// <summary>MiniLM's reference cosine (0.755 ± 0.005) through REST, and REST vectors equal to raw ONNX Runtime's (1e-4).</summary>
    private static async Task<bool> CheckAnswersAsync(RestLoad rest, RawOnnx raw, string[] sentences)
    {
        var food = await rest.EmbedAsync("A man is eating food.");
        var bread = await rest.EmbedAsync("A man is eating a piece of bread.");
        var cosine = food.Zip(bread, (a, b) => (double)a * b).Sum();
        var worst = 0.0;
        for (var i = 0; i < Math.Min(sentences.Length, 16); i++)
        {
            var hub = await rest.EmbedAsync(sentences[i]);
            worst = Math.Max(worst, hub.Zip(raw.Embed(i), (a, b) => (double)Math.Abs(a - b)).Max());
        }
        var ok = Math.Abs(cosine - 0.755) <= 0.005 && worst <= 1e-4;
        Console.WriteLine($"CHECK cosine(food, bread)={cosine:F4} (0.755 +- 0.005), max |REST - raw| over 16 sentences={worst:E2} (<= 1e-4): {(ok ? "ok" : "FAILED")}");
        return ok;
    }

    /// <summary>One request that does no inference: what loopback HTTP through the hub's middleware costs here.</summary>
    private static async Task<double> FloorAsync(HttpClient client)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await client.GetAsync("v2");
        await response.Content.ReadAsByteArrayAsync();
        return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string[] Sentences(int count)
    {
        string[] words = ["the", "model", "hub", "serves", "fast", "embeddings", "for", "every", "team", "that", "uploads", "weights", "and", "calls", "them", "over", "rest", "with", "batching", "on", "a", "quiet", "river", "morning"];
        var random = new Random(7);
        return [.. Enumerable.Range(0, count).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(6, 24)).Select(_ => words[random.Next(words.Length)])) + ".")];
    }
}
