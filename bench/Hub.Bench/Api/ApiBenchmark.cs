using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Api.Security;
using Hub.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Bench.Api;

/// <summary>
/// Issue 3's figures, each against a limit measured in the same run: LFS download through resolve (redirect and
/// streaming) vs a direct S3 GET; upload through the batch API vs a direct S3 multipart PUT; resolve HEAD under 64
/// concurrent connections vs a trivial endpoint; memory growth while streaming.
/// </summary>
public static class ApiBenchmark
{
    /// <summary>Part size of both multipart uploads (the hub's <c>Hub:Lfs:ChunkSize</c> and the direct PUT's).</summary>
    private const long Chunk = 64L * 1024 * 1024;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var sizeMb = Options.Number(args, "--size-mb", 1024);
        var seconds = Options.Number(args, "--seconds", 5);
        if (!BenchHub.HasServices)
        {
            Console.Error.WriteLine("api: needs the test services (deploy/test/services.sh up; source .test-services/env).");
            return 2;
        }
        var size = sizeMb * 1024L * 1024;
        await using var hub = await BenchHub.StartAsync(new Dictionary<string, string?>
        {
            ["Hub:Lfs:ChunkSize"] = Chunk.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The limiter still runs on every request, but its quota (60,000 resolves a minute per token) must not
            // turn the measured requests into cheap 429s.
            ["Hub:RateLimits:Resolve"] = "1000000000",
            // Says how each upload's completion checked the sha256 (inline or by re-reading), and why if re-read.
            ["Logging:LogLevel:Hub.Api.Features.Lfs"] = "Information",
        }, ct);
        using var http = new HttpClient { Timeout = TimeSpan.FromHours(1) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", hub.AdminToken);
        var repo = "admin/bench-" + Guid.NewGuid().ToString("N")[..8];
        (await http.PostAsJsonAsync($"{hub.Url}/api/repos/create", new { name = repo.Split('/')[1] }, ct)).EnsureSuccessStatusCode();
        Console.WriteLine($"api: {sizeMb} MiB object, hub on PostgreSQL + S3 at {hub.Url}");

        if (args.Contains("--head-only"))
        {
            // Iterating on the request path: only the resolve HEAD figure.
            await HeadLoadAsync(http, hub, repo, seconds, ct);
            return 0;
        }
        using var direct = new DirectS3(hub);
        var uploaded = await UploadBench.RunAsync(http, hub, repo, direct, size, Chunk, Options.Number(args, "--rounds", 3), ct);
        var oid = uploaded.Oid;
        await Commit(http, hub.Url, repo, oid, size, ct);
        if (!args.Contains("--no-presigned"))
            await PresignedUploadAsync(http, hub, repo, size, uploaded.DirectPut, ct);
        if (args.Contains("--upload-only"))
            return 0;

        var blobs = hub.Services.GetRequiredService<IBlobStore>();
        var presigned = blobs.GetDirectReadUrl(BlobKeys.Lfs(oid), TimeSpan.FromHours(1))!;
        var signer = hub.Services.GetRequiredService<UrlSigner>();
        var repoId = await RepoId(http, hub.Url, repo, ct);
        var streamUrl = hub.Url + signer.Sign("GET", $"/api/lfs/objects/{oid}?repo={repoId}&name=weights.bin", TimeSpan.FromHours(1));
        // Rounds as for the upload: each path once per round, the order turning each round; each path's fastest round compared.
        var (directGets, redirectGets, streamGets) = (new List<TimeSpan>(), new List<TimeSpan>(), new List<TimeSpan>());
        long peak = 0;
        for (var round = 1; round <= Math.Max(1, Options.Number(args, "--rounds", 3)); round++)
        {
            await Rounds.InTurnAsync(round,
                async () => directGets.Add(await Time(() => Download(new HttpClient { Timeout = TimeSpan.FromHours(1) }, presigned.ToString(), ct))),
                async () => redirectGets.Add(await Time(() => Download(http, $"{hub.Url}/{repo}/resolve/main/weights.bin", ct))),
                async () =>
                {
                    var (streamGet, streamPeak) = await WithPeakMemory(() => Time(() => Download(new HttpClient { Timeout = TimeSpan.FromHours(1) }, streamUrl, ct)));
                    streamGets.Add(streamGet);
                    peak = Math.Max(peak, streamPeak);
                });
            Console.WriteLine($"  download round {round}: direct {directGets[^1].TotalSeconds:F2} s, redirect {redirectGets[^1].TotalSeconds:F2} s, streamed {streamGets[^1].TotalSeconds:F2} s; load {LoadAverage()}");
        }
        Report($"download via resolve, redirect to presigned S3 vs direct S3 GET, fastest of {directGets.Count}", size, redirectGets.Min(), directGets.Min(), 0.95);
        Report($"download streamed through the hub vs direct S3 GET, fastest of {directGets.Count}", size, streamGets.Min(), directGets.Min(), 0.85);
        var (_, peak2) = await WithPeakMemory(async () =>
        {
            await Download(new HttpClient { Timeout = TimeSpan.FromHours(1) }, streamUrl, ct);
            return await Download(new HttpClient { Timeout = TimeSpan.FromHours(1) }, streamUrl, ct);
        });
        Console.WriteLine($"memory: process RSS growth while streaming {2 * sizeMb} MiB through the hub: {Math.Max(peak, peak2) / (1024 * 1024)} MB (limit 64 MB)");

        await HeadLoadAsync(http, hub, repo, seconds, ct);
        return 0;
    }

    /// <summary>For comparison: the same upload with <c>Hub:Lfs:UploadThroughHub</c> off (parts to presigned S3 URLs, completion re-reads).</summary>
    private static async Task PresignedUploadAsync(HttpClient http, BenchHub hub, string repo, long size, TimeSpan directPut, CancellationToken ct)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hub-api-bench-{Guid.NewGuid():N}.bin");
        var options = hub.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hub.Api.Features.Lfs.LfsOptions>>().Value;
        try
        {
            var oid = await RandomFile.WriteAsync(file, size, ct);
            options.UploadThroughHub = false;
            var phases = (Batch: TimeSpan.Zero, Parts: TimeSpan.Zero, Completion: TimeSpan.Zero);
            var put = await Time(async () => phases = await LfsUpload.UploadAsync(http, hub.Url, repo, file, oid, size, 4, ct));
            Report("  for comparison, UploadThroughHub=false (parts to presigned S3, completion re-reads) vs direct S3 multipart PUT", size, put, directPut, 0.9);
            Console.WriteLine($"  presigned phases: batch request {phases.Batch.TotalSeconds:F2} s, parts {phases.Parts.TotalSeconds:F2} s, completion (assemble + re-read sha256) {phases.Completion.TotalSeconds:F2} s");
        }
        finally
        {
            options.UploadThroughHub = true;
            File.Delete(file);
        }
    }

    private static async Task HeadLoadAsync(HttpClient http, BenchHub hub, string repo, int seconds, CancellationToken ct)
    {
        (await http.PostAsync($"{hub.Url}/api/models/{repo}/commit/main", Ndjson.Commit("config", ("config.json", Encoding.UTF8.GetBytes("{\"model_type\":\"bert\"}"))), ct)).EnsureSuccessStatusCode();
        var trivial = await Load.RunAsync(hub.Url + "/alive", HttpMethod.Get, null, 64, seconds, ct);
        var head = await Load.RunAsync($"{hub.Url}/{repo}/resolve/main/config.json", HttpMethod.Head, hub.AdminToken, 64, seconds, ct);
        Console.WriteLine($"resolve HEAD, 64 connections: {head.RequestsPerSecond:F0} req/s (p50 {head.P50:F2} ms, p99 {head.P99:F2} ms, errors {head.Errors}); " +
                          $"/alive: {trivial.RequestsPerSecond:F0} req/s (p50 {trivial.P50:F2} ms, p99 {trivial.P99:F2} ms); ratio {head.RequestsPerSecond / trivial.RequestsPerSecond:F2} (target >= 0.3)");
    }

    /// <summary>
    /// Waits (at most 15 s) until the background JIT has gone quiet: methods the warm-up made hot are recompiled,
    /// optimised, in the background, thousands of them here (AWS SDK, EF Core, Npgsql, Kestrel), which would otherwise
    /// land in the measured uploads' CPU time and, on a small machine, their wall time.
    /// </summary>
    internal static async Task JitQuietAsync(CancellationToken ct)
    {
        for (var i = 0; i < 60; i++)
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            await Task.Delay(250, ct);
            if (System.Runtime.JitInfo.GetCompiledMethodCount() - compiled < 5) return;
        }
    }

    internal static double PerGiB(TimeSpan cpu, long size) => cpu.TotalSeconds * (1L << 30) / size;

    internal static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    internal static void Report(string what, long size, TimeSpan hub, TimeSpan limit, double target)
    {
        double Mbps(TimeSpan t) => size / (1024.0 * 1024) / t.TotalSeconds;
        var ratio = limit.TotalSeconds / hub.TotalSeconds;
        Console.WriteLine($"{what}: hub {Mbps(hub):F0} MB/s, limit {Mbps(limit):F0} MB/s, ratio {ratio:F2} (target >= {target})");
    }

    private static async Task<TimeSpan> Time(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed;
    }

    private static async Task<(T Result, long PeakGrowth)> WithPeakMemory<T>(Func<Task<T>> action)
    {
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64 - baseline);
                await Task.Delay(20, CancellationToken.None);
            }
        });
        var result = await action();
        await stop.CancelAsync();
        await sampler;
        return (result, peak);
    }

    private static async Task<long> Download(HttpClient client, string url, CancellationToken ct)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[1 << 20];
        long total = 0;
        int n;
        while ((n = await body.ReadAsync(buffer, ct)) > 0) total += n;
        return total;
    }

    private static async Task Commit(HttpClient http, string url, string repo, string oid, long size, CancellationToken ct)
    {
        var lines = string.Join('\n',
            JsonSerializer.Serialize(new { key = "header", value = new { summary = "weights" } }),
            JsonSerializer.Serialize(new { key = "lfsFile", value = new { path = "weights.bin", algo = "sha256", oid, size } }));
        (await http.PostAsync($"{url}/api/models/{repo}/commit/main", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"), ct)).EnsureSuccessStatusCode();
    }

    private static async Task<string> RepoId(HttpClient http, string url, string repo, CancellationToken ct) =>
        (await http.GetFromJsonAsync<JsonObject>($"{url}/api/models/{repo}?expand=sha", ct))!["_id"]!.GetValue<string>();

    internal static string Sha256File(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
