using System.Globalization;
using Hub.Api.Hosting;
using Hub.Storage.Blobs;
using Hub.Storage.Metadata.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.Bench.Search;

/// <summary>
/// <c>search [--repos N] [--connections 64] [--seconds 10] [--database NAME] [--no-seed] [--keep] [--plans] [--shards 4] [--shard-mb 1024] [--skip-s3]</c>:
/// seeds N repositories into a PostgreSQL database (COPY), starts a real hub on it, and measures list/search latency
/// (p50, p99) and requests/s at 64 concurrent connections for: newest, most downloaded, text search, tag filter + sort —
/// each a mix of distinct queries with Zipf-like popularity (<see cref="SearchQueryMix"/>), with the list cache's hit
/// rate, and again on a second hub on the same database with the list cache off (also at one connection); each also as
/// a ratio of the same run's baseline (a route that touches no database), straight on the store, and as the database's EXPLAIN ANALYZE time (with the plans under --plans). Then indexes a sharded
/// safetensors model stored in S3. Needs HUB_TEST_POSTGRES and HUB_TEST_S3_* (the test services).
/// </summary>
public static class SearchBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        // A database of the bench's own (never the hub's), dropped at the end unless --keep.
        var database = OptionText(args, "--database", "hub_bench_search");
        if (!database.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') || database == "hub")
            throw new ArgumentException("--database must be a lower-case identifier other than hub.", nameof(args));
        var repos = Option(args, "--repos", 1_000_000);
        var connections = Option(args, "--connections", 64);
        var seconds = Option(args, "--seconds", 10);
        var shards = Option(args, "--shards", 4);
        var shardMb = Option(args, "--shard-mb", 1024);
        var seed = !args.Contains("--no-seed");
        var ct = CancellationToken.None;
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("HUB_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set HUB_TEST_POSTGRES (source .test-services/env)."));
        // PostgreSQL (max_connections 100) is shared with other test runs, and two hubs run here (list cache on and off):
        // 24 each is more than two cores can use anyway.
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database, MaxPoolSize = 24 }.ConnectionString;
        if (seed)
        {
            await ExecuteAsync(server.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            await ExecuteAsync(server.ConnectionString, $"CREATE DATABASE {database}");
        }

        var dataDir = Directory.CreateTempSubdirectory("hub-bench-search-");
        var bucket = $"hub-bench-{Guid.NewGuid():N}"[..32];
        Dictionary<string, string?> Settings(bool cache) => new()
        {
            ["Hub:DataDir"] = Path.Combine(dataDir.FullName, cache ? "cached" : "uncached"),
            ["Hub:Database:Provider"] = "postgres",
            ["ConnectionStrings:Hub"] = connectionString,
            ["Hub:Storage:Blobs"] = "s3",
            ["Hub:Storage:S3:ServiceUrl"] = Environment.GetEnvironmentVariable("HUB_TEST_S3_URL"),
            ["Hub:Storage:S3:AccessKey"] = Environment.GetEnvironmentVariable("HUB_TEST_S3_ACCESS_KEY"),
            ["Hub:Storage:S3:SecretKey"] = Environment.GetEnvironmentVariable("HUB_TEST_S3_SECRET_KEY"),
            ["Hub:Storage:S3:Bucket"] = bucket,
            ["Hub:Stats:RecomputeEnabled"] = "false",
            // The seeded rows have no git repositories: a repair pass would check (and log) a million failures.
            ["Hub:Maintenance:RepairOnStart"] = "false",
            // One client sends everything: the per-client quota would answer most of it with 429.
            ["Hub:RateLimits:Enabled"] = "false",
            ["Hub:Maintenance:RepairInterval"] = "7.00:00:00",
            ["Hub:Lists:MaxPageSize"] = "100",
            ["Hub:Lists:CacheEnabled"] = cache ? "true" : "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var app = HubApplication.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(Settings(cache: true));
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await app.StartAsync(ct);
        // The same hub with the list cache off, on the same database: what a miss costs, measured in the same run.
        var uncachedApp = HubApplication.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(Settings(cache: false));
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await uncachedApp.StartAsync(ct);
        try
        {
            var url = app.Urls.First().TrimEnd('/') + "/";
            if (seed)
            {
                Console.WriteLine($"Seeding {repos:N0} repositories into PostgreSQL database {database} …");
                await SearchSeeder.SeedAsync(connectionString, repos, ct);
            }
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(40) };
            using var uncachedClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections })
            {
                BaseAddress = new Uri(uncachedApp.Urls.First().TrimEnd('/') + "/"),
                Timeout = TimeSpan.FromSeconds(40),
            };
            var duration = TimeSpan.FromSeconds(seconds);
            Console.WriteLine($"Load: {connections} connections, {seconds} s per scenario, {repos:N0} repositories, {Environment.ProcessorCount} cores");
            var baseline = await LoadRunner.RunAsync("baseline (no database)", client, _ => "api/models-tags-by-type", connections, duration, ct);
            Print(baseline, baseline);
            var cache = app.Services.GetRequiredService<Hub.Api.Features.Search.ListResponseCache>();
            var ttl = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hub.Api.Features.Repos.RepoListOptions>>().Value.CacheTtl;
            // The machine is small and shared: p50 at one connection tells the cost of one request apart from queueing.
            var single = TimeSpan.FromSeconds(Math.Max(2, seconds / 3));
            Console.WriteLine($"Query mixes (Zipf-like popularity over distinct queries); list cache TTL {ttl.TotalSeconds:F1} s:");
            foreach (var mix in await SearchQueryMix.CreateAsync(client, ct))
            {
                var (hits, misses) = (cache.Hits, cache.Misses);
                var cached = await LoadRunner.RunAsync($"{mix.Name} ({mix.Count} queries)", client, mix.Next, connections, duration, ct);
                var (h, m) = (cache.Hits - hits, cache.Misses - misses);
                Print(cached, baseline, string.Create(CultureInfo.InvariantCulture, $"cache hits {h / (double)Math.Max(1, h + m),4:P0}"));
                Print(await LoadRunner.RunAsync($"{mix.Name}, cache off", uncachedClient, mix.Next, connections, duration, ct), baseline, "uncached");
                Print(await LoadRunner.RunAsync($"{mix.Name}, cache off (1 conn)", uncachedClient, mix.Next, 1, single, ct), baseline, "uncached");
            }

            // The same queries straight on the store (no HTTP, no JSON): how much of the time is the database's.
            Console.WriteLine("Store only (IRepositoryStore.ListAsync, same concurrency):");
            var store = app.Services.GetRequiredService<IRepositoryStore>();
            var queries = new (string Name, Func<Random, RepositoryQuery> Query)[]
            {
                ("newest", _ => new("model", RepositoryViewer.Anonymous, Sort: RepositorySort.CreatedAt, Limit: 20)),
                ("most downloaded", _ => new("model", RepositoryViewer.Anonymous, Sort: RepositorySort.Downloads, Limit: 20)),
                ("text search", r => new("model", RepositoryViewer.Anonymous, Search: $"{SearchSeeder.Pick(r, SearchSeeder.Words)} {SearchSeeder.Pick(r, SearchSeeder.Words)}", Limit: 20)),
                ("tag filter + sort", r => new("model", RepositoryViewer.Anonymous, Tags: [SearchSeeder.Pick(r, SearchSeeder.Languages), "license:" + SearchSeeder.Pick(r, SearchSeeder.Licenses)], Sort: RepositorySort.Downloads, Limit: 20)),
            };
            foreach (var (name, query) in queries)
            {
                Func<Random, CancellationToken, Task<bool>> list = async (r, token) =>
                {
                    await store.ListAsync(query(r), token);
                    return true;
                };
                Print(await LoadRunner.RunAsync(name, list, connections, duration, ct), baseline);
                Print(await LoadRunner.RunAsync(name + " (1 conn)", list, 1, single, ct), baseline);
            }

            // The database's own time for each query, with the plan, so index use can be checked on the full data set.
            Console.WriteLine("Database only (EXPLAIN ANALYZE of the page query, one instance each):");
            var explainer = (RepositoryStore)store;
            foreach (var (name, query) in queries)
            {
                string plan;
                try
                {
                    plan = await explainer.ExplainListAsync(query(new Random(3)), ct);
                }
                catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
                {
                    plan = "Execution Time: failed (" + e.GetBaseException().Message + ")";
                }
                var execution = plan.Split('\n').LastOrDefault(l => l.StartsWith("Execution Time", StringComparison.Ordinal)) ?? "";
                Console.WriteLine($"  {name,-24} {execution}");
                if (args.Contains("--plans"))
                    Console.WriteLine(string.Join('\n', plan.Split('\n').Select(l => "      " + l)));
            }

            if (!args.Contains("--skip-s3"))
            {
                Console.WriteLine($"Indexing a {shards} × {shardMb} MiB sharded safetensors model in S3 (bucket {bucket}) …");
                await SafetensorsS3Bench.RunAsync(app.Services.GetRequiredService<IBlobStore>(), shards, shardMb * 1024L * 1024, ct);
            }
        }
        finally
        {
            await app.StopAsync(ct);
            await app.DisposeAsync();
            await uncachedApp.StopAsync(ct);
            await uncachedApp.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            if (!args.Contains("--keep")) await ExecuteAsync(server.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            await Hub.Testing.S3Buckets.DeleteAsync(bucket);
            dataDir.Delete(recursive: true);
        }
        return 0;
    }

    private static void Print(LoadRunner.Result r, LoadRunner.Result baseline, string note = "") =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {r.Name,-40} {note,-16} load {Load(),-5} p50 {r.P50Ms,7:F2} ms (target 5: {r.P50Ms / 5,5:P0})  p99 {r.P99Ms,7:F2} ms (target 30: {r.P99Ms / 30,5:P0})  " +
            $"{r.RequestsPerSecond,8:F0} req/s ({r.RequestsPerSecond / baseline.RequestsPerSecond,5:P0} of baseline)  {r.Requests} requests, {r.Failures} failed{(r.Failures > 0 ? "  ← FAILURES: figures not valid" : "")}"));

    // The 1-minute load average: the machine is shared, so every figure says how busy it was.
    private static string Load() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string OptionText(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
