using Hub.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Hub.Bench;

/// <summary>
/// A real hub on Kestrel for benchmarks: PostgreSQL + S3 from the HUB_TEST_* variables the test services export
/// (deploy/test/services.sh), else the embedded defaults. Cleans up its database and data directory.
/// </summary>
public sealed class BenchHub : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string? database;
    private readonly string dataDir;

    private BenchHub(WebApplication app, string? database, string dataDir, string token, string? bucket)
    {
        this.app = app;
        this.database = database;
        this.dataDir = dataDir;
        Token = token;
        Bucket = bucket;
        Url = app.Urls.First().TrimEnd('/');
    }

    public string Url { get; }

    public string Token { get; }

    /// <summary>The S3 bucket, or null when the hub runs on the filesystem store.</summary>
    public string? Bucket { get; }

    public IServiceProvider Services => app.Services;

    public static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    public static bool HasServices => Env("HUB_TEST_POSTGRES") is not null && Env("HUB_TEST_S3_URL") is not null;

    public static async Task<BenchHub> StartAsync(IDictionary<string, string?>? extra = null, bool production = true)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "hub-bench-" + Guid.NewGuid().ToString("N"));
        var token = "hf_" + Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string?>
        {
            ["Hub:DataDir"] = dataDir,
            ["Hub:Bootstrap:AdminToken"] = token,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Critical",
        };
        string? database = null, bucket = null;
        if (production && HasServices)
        {
            database = "hub_bench_" + Guid.NewGuid().ToString("N");
            var admin = new NpgsqlConnectionStringBuilder(Env("HUB_TEST_POSTGRES"));
            await using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }
            admin.Database = database;
            bucket = ("hub-bench-" + Guid.NewGuid().ToString("N"))[..40];
            settings["Hub:Database:Provider"] = "postgres";
            settings["ConnectionStrings:Hub"] = admin.ConnectionString;
            settings["Hub:Storage:Blobs"] = "s3";
            settings["Hub:Storage:S3:ServiceUrl"] = Env("HUB_TEST_S3_URL");
            settings["Hub:Storage:S3:AccessKey"] = Env("HUB_TEST_S3_ACCESS_KEY");
            settings["Hub:Storage:S3:SecretKey"] = Env("HUB_TEST_S3_SECRET_KEY");
            settings["Hub:Storage:S3:Bucket"] = bucket;
        }
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        var app = HubApplication.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await app.StartAsync();
        return new BenchHub(app, database, dataDir, token, bucket);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (database is not null)
        {
            await using var connection = new NpgsqlConnection(Env("HUB_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
    }
}
