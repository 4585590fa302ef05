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
/// <c>search [--repos N] [--connections 64] [--seconds 10] [--no-seed] [--keep] [--shards 4] [--shard-mb 1024] [--skip-s3]</c>:
/// seeds N repositories into a PostgreSQL database (COPY), starts a real hub on it, and measures list/search latency
/// (p50, p99) and requests/s at 64 concurrent connections for: newest, most downloaded, text search, tag filter + sort —
/// each also as a ratio of the same run's baseline (a route that touches no database). Then indexes a sharded
/// safetensors model stored in S3. Needs HUB_TEST_POSTGRES and HUB_TEST_S3_* (the test services).
/// </summary>
public static class SearchBench
{
    private const string Database = "hub_bench_search";

    public static async Task<int> RunAsync(string[] args)
    {
        var repos = Option(args, "--repos", 1_000_000);
        var connections = Option(args, "--connections", 64);
        var seconds = Option(args, "--seconds", 10);
        var shards = Option(args, "--shards", 4);
        var shardMb = Option(args, "--shard-mb", 1024);
        var seed = !args.Contains("--no-seed");
        var ct = CancellationToken.None;
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("HUB_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set HUB_TEST_POSTGRES (source .test-services/env)."));
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = Database, MaxPoolSize = 200 }.ConnectionString;
        if (seed)
        {
            await ExecuteAsync(server.ConnectionString, $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
            await ExecuteAsync(server.ConnectionString, $"CREATE DATABASE {Database}");
        }

        var dataDir = Directory.CreateTempSubdirectory("hub-bench-search-");
        var bucket = $"hub-bench-{Guid.NewGuid():N}"[..32];
        var app = HubApplication.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Hub:DataDir"] = dataDir.FullName,
                ["Hub:Database:Provider"] = "postgres",
                ["ConnectionStrings:Hub"] = connectionString,
                ["Hub:Storage:Blobs"] = "s3",
                ["Hub:Storage:S3:ServiceUrl"] = Environment.GetEnvironmentVariable("HUB_TEST_S3_URL"),
                ["Hub:Storage:S3:AccessKey"] = Environment.GetEnvironmentVariable("HUB_TEST_S3_ACCESS_KEY"),
                ["Hub:Storage:S3:SecretKey"] = Environment.GetEnvironmentVariable("HUB_TEST_S3_SECRET_KEY"),
                ["Hub:Storage:S3:Bucket"] = bucket,
                ["Hub:Stats:RecomputeEnabled"] = "false",
                ["Hub:Lists:MaxPageSize"] = "100",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await app.StartAsync(ct);
        try
        {
            var url = app.Urls.First().TrimEnd('/') + "/";
            if (seed)
            {
                Console.WriteLine($"Seeding {repos:N0} repositories into PostgreSQL database {Database} …");
                await SearchSeeder.SeedAsync(connectionString, repos, ct);
            }
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = new Uri(url) };
            var duration = TimeSpan.FromSeconds(seconds);
            Console.WriteLine($"Load: {connections} connections, {seconds} s per scenario, {repos:N0} repositories");
            var baseline = await LoadRunner.RunAsync("baseline (no database)", client, _ => "api/models-tags-by-type", connections, duration, ct);
            Print(baseline, baseline);
            var scenarios = new (string Name, Func<Random, string> Path)[]
            {
                ("newest", _ => "api/models?sort=createdAt&limit=20"),
                ("most downloaded", _ => "api/models?sort=downloads&limit=20"),
                ("text search", r => $"api/models?search={SearchSeeder.Pick(r, SearchSeeder.Words)}%20{SearchSeeder.Pick(r, SearchSeeder.Words)}&limit=20"),
                ("tag filter + sort", r => $"api/models?filter={SearchSeeder.Pick(r, SearchSeeder.Languages)}&filter=license:{SearchSeeder.Pick(r, SearchSeeder.Licenses)}&sort=downloads&limit=20"),
            };
            foreach (var (name, path) in scenarios)
                Print(await LoadRunner.RunAsync(name, client, path, connections, duration, ct), baseline);

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
                Print(await LoadRunner.RunAsync(name, async (r, token) =>
                {
                    await store.ListAsync(query(r), token);
                    return true;
                }, connections, duration, ct), baseline);
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
            NpgsqlConnection.ClearAllPools();
            if (!args.Contains("--keep")) await ExecuteAsync(server.ConnectionString, $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
            await DeleteBucketAsync(bucket);
            dataDir.Delete(recursive: true);
        }
        return 0;
    }

    private static void Print(LoadRunner.Result r, LoadRunner.Result baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {r.Name,-24} p50 {r.P50Ms,7:F2} ms (target 5: {r.P50Ms / 5,5:P0})  p99 {r.P99Ms,7:F2} ms (target 30: {r.P99Ms / 30,5:P0})  " +
            $"{r.RequestsPerSecond,8:F0} req/s ({r.RequestsPerSecond / baseline.RequestsPerSecond,5:P0} of baseline)  {r.Requests} requests, {r.Failures} failed"));

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task DeleteBucketAsync(string bucket)
    {
        using var s3 = new Amazon.S3.AmazonS3Client(
            new Amazon.Runtime.BasicAWSCredentials(Environment.GetEnvironmentVariable("HUB_TEST_S3_ACCESS_KEY"), Environment.GetEnvironmentVariable("HUB_TEST_S3_SECRET_KEY")),
            new Amazon.S3.AmazonS3Config { ServiceURL = Environment.GetEnvironmentVariable("HUB_TEST_S3_URL"), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        try
        {
            var listed = await s3.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = bucket });
            foreach (var item in listed.S3Objects ?? []) await s3.DeleteObjectAsync(bucket, item.Key);
            await s3.DeleteBucketAsync(bucket);
        }
        catch (Amazon.S3.AmazonS3Exception)
        {
            // The bucket was never created.
        }
    }
}
