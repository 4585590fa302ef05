using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace Hub.Bench.Web;

/// <summary>
/// Server time of the web UI's pages with many repositories: time to first byte (response headers) and full render
/// (last byte of the HTML) for the model list and a repository page, each next to the API call the page itself makes
/// (the limit it cannot beat), as a ratio, in the same run. Options: --repos N (seeded through the API, with git
/// repositories: the pages' targets), --bulk N (more repositories copied straight into PostgreSQL by the search
/// bench's seeder; default 100,000, none on SQLite), --requests N (per page), --concurrency N (throughput pass),
/// --embedded (SQLite + filesystem). Target: p50 server time ≤ 50 ms for the model list and the repository page.
/// </summary>
public static class WebBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var repos = Number(args, "--repos", 200);
        var requests = Number(args, "--requests", 200);
        var concurrency = Number(args, "--concurrency", 16);
        await using var hub = await WebBenchHub.StartAsync(args.Contains("--embedded"));
        var bulk = hub.ConnectionString is null ? 0 : Number(args, "--bulk", 100_000);
        Console.WriteLine($"web bench: {hub.Flavour}, {repos} repositories through the API + {bulk} copied in, {requests} sequential requests per page, throughput at concurrency {concurrency}");

        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = new Uri(hub.Url + "/") };
        var seeded = Stopwatch.StartNew();
        var target = await SeedAsync(hub, repos, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {repos} repositories in {seeded.Elapsed.TotalSeconds:0.0} s (through the API, 8 at a time)"));
        if (bulk > 0) await Hub.Bench.Search.SearchSeeder.SeedAsync(hub.ConnectionString!, bulk, ct);

        var expand = "&expand=private&expand=downloads&expand=likes&expand=tags&expand=pipeline_tag&expand=library_name&expand=createdAt&expand=lastModified";
        var cases = new (string Name, string Page, string[] Api)[]
        {
            ("model list (trending)", "models", [$"api/models?sort=trendingScore&limit=30{expand}", "api/models/facets?top=10"]),
            ("model list (search)", "models?search=model-1", [$"api/models?sort=trendingScore&limit=30&search=model-1{expand}", "api/models/facets?top=10&search=model-1"]),
            ("model list (facet)", "models?license=mit&pipeline_tag=fill-mask", [$"api/models?sort=trendingScore&limit=30&license=mit&pipeline_tag=fill-mask{expand}", "api/models/facets?top=10&license=mit&pipeline_tag=fill-mask"]),
            ("model list (page 2)", await SecondPageAsync(client, ct), [$"api/models?sort=trendingScore&limit=30{expand}", "api/models/facets?top=10"]),
            ("repository page", target, [$"api/models/{target}?blobs=true", $"{target}/raw/main/README.md", $"api/models/{target}/downloads?days=30"]),
            ("files tab", $"{target}/tree/main", [$"api/models/{target}?blobs=true", $"api/models/{target}/tree/main", $"api/models/{target}/refs"]),
        };
        Console.WriteLine();
        Console.WriteLine($"{"page",-24} {"time to first byte",-44} {"full render",-44} {"API calls the page makes",-44} ratio");
        foreach (var (name, page, api) in cases)
        {
            await MeasureAsync(client, page, 20, ct);
            var (ttfb, full) = await MeasureAsync(client, page, requests, ct);
            var limit = await MeasureApiAsync(client, api, requests, ct);
            Console.WriteLine($"{name,-24} {ttfb,-44} {full,-44} {limit,-44} {string.Create(CultureInfo.InvariantCulture, $"{full.P50 / limit.P50:0.00}")}");
        }
        Console.WriteLine();
        foreach (var (name, page, _) in cases.Where(c => c.Name is "model list (trending)" or "repository page"))
        {
            var (perSecond, stats) = await ThroughputAsync(client, page, concurrency, TimeSpan.FromSeconds(10), ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-24} {perSecond,8:0} pages/s at concurrency {concurrency}   full render {stats}"));
        }
        Console.WriteLine();
        Console.WriteLine("ratio = full-render p50 of the page / p50 of the API calls it makes, one after the other (1.00 would be free rendering).");
        Console.WriteLine("target: full-render p50 ≤ 50 ms for the model list and the repository page (time to first byte and full render are server time on loopback).");
        return 0;
    }

    private static int Number(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    /// <summary>Creates the repositories (a card each) through the API; answers the id of one in the middle.</summary>
    private static async Task<string> SeedAsync(WebBenchHub hub, int count, CancellationToken ct)
    {
        using var api = new HttpClient { BaseAddress = new Uri(hub.Url + "/") };
        api.DefaultRequestHeaders.Authorization = new("Bearer", hub.Token);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var readme = $"---\nlicense: apache-2.0\npipeline_tag: {(i % 2 == 0 ? "text-classification" : "fill-mask")}\nlibrary_name: transformers\nlanguage: [en]\n---\n# Model {i}\n\nA seeded model for the web benchmark.\n\n| metric | value |\n|---|---|\n| accuracy | 0.{i % 100:00} |\n";
            var response = await api.PostAsJsonAsync("api/repos/create", new
            {
                name = $"model-{i}",
                type = "model",
                files = new[] { new { path = "README.md", content = readme }, new { path = "config.json", content = "{\"model_type\": \"bert\"}" } },
            }, token);
            response.EnsureSuccessStatusCode();
        });
        return $"admin/model-{count / 2}";
    }

    private static async Task<string> SecondPageAsync(HttpClient client, CancellationToken ct)
    {
        using var response = await client.GetAsync("api/models?sort=trendingScore&limit=30", ct);
        var link = response.Headers.TryGetValues("Link", out var values) ? values.First() : null;
        var cursor = link is null ? null : Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link[1..link.IndexOf('>', StringComparison.Ordinal)]).Query)["cursor"].ToString();
        return cursor is null ? "models" : $"models?cursor={Uri.EscapeDataString(cursor)}&p=2";
    }

    private static async Task<(LatencyStats Ttfb, LatencyStats Full)> MeasureAsync(HttpClient client, string path, int count, CancellationToken ct)
    {
        var ttfb = new List<double>(count);
        var full = new List<double>(count);
        var buffer = new byte[64 * 1024];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            ttfb.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET /{path} answered {(int)response.StatusCode}");
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            while (await body.ReadAsync(buffer, ct) > 0) { }
            full.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return (new LatencyStats(ttfb), new LatencyStats(full));
    }

    private static async Task<LatencyStats> MeasureApiAsync(HttpClient client, string[] calls, int count, CancellationToken ct)
    {
        foreach (var call in calls) (await client.GetAsync(call, ct)).Dispose();
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            foreach (var call in calls)
            {
                using var response = await client.GetAsync(call, ct);
                _ = await response.Content.ReadAsByteArrayAsync(ct);
            }
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return new LatencyStats(times);
    }

    private static async Task<(double PerSecond, LatencyStats Stats)> ThroughputAsync(HttpClient client, string path, int concurrency, TimeSpan duration, CancellationToken ct)
    {
        var times = new System.Collections.Concurrent.ConcurrentBag<double>();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            while (stop.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path, ct);
                _ = await response.Content.ReadAsByteArrayAsync(ct);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        return (times.Count / stop.Elapsed.TotalSeconds, new LatencyStats([.. times]));
    }
}
