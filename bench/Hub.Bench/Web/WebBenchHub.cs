using Hub.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Hub.Bench.Web;

/// <summary>
/// A real hub on Kestrel for the web benchmark: PostgreSQL from HUB_TEST_POSTGRES (deploy/test/services.sh) unless
/// <c>--embedded</c>, else SQLite; repositories and blobs on the filesystem. Removes its database and data.
/// </summary>
public sealed class WebBenchHub : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string? database;
    private readonly string dataDir;

    private WebBenchHub(WebApplication app, string? database, string dataDir, string token)
    {
        this.app = app;
        this.database = database;
        this.dataDir = dataDir;
        Token = token;
        Url = app.Urls.First().TrimEnd('/');
    }

    public string Url { get; }

    public string Token { get; }

    /// <summary>The PostgreSQL connection string of this hub's database; null on SQLite.</summary>
    public string? ConnectionString => database is null ? null : new NpgsqlConnectionStringBuilder(Env("HUB_TEST_POSTGRES")) { Database = database }.ConnectionString;

    public string Flavour => database is null ? "SQLite + filesystem" : "PostgreSQL + filesystem";

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    public static async Task<WebBenchHub> StartAsync(bool embedded)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "hub-bench-web-" + Guid.NewGuid().ToString("N"));
        var token = "hf_" + Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string?>
        {
            ["Hub:DataDir"] = dataDir,
            ["Hub:Bootstrap:AdminToken"] = token,
            ["Logging:LogLevel:Default"] = "Warning",
            // The pages call the API over loopback, all from one address: the per-address limit would cut the throughput pass.
            ["Hub:RateLimits:Enabled"] = "false",
        };
        string? database = null;
        if (!embedded && Env("HUB_TEST_POSTGRES") is { } postgres)
        {
            database = "hub_bench_web_" + Guid.NewGuid().ToString("N");
            var admin = new NpgsqlConnectionStringBuilder(postgres);
            await using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }
            admin.Database = database;
            settings["Hub:Database:Provider"] = "postgres";
            settings["ConnectionStrings:Hub"] = admin.ConnectionString;
            // The pages read metadata and git only; large-file storage stays on the filesystem (no bucket to clean up).
        }
        var app = HubApplication.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await app.StartAsync();
        return new WebBenchHub(app, database, dataDir, token);
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
