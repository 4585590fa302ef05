using Hub.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Hub.Bench;

/// <summary>
/// A real hub for a benchmark, built as <c>dotnet run</c> builds it, on Kestrel on a loopback port: PostgreSQL + S3 from
/// the test services' environment (<c>HUB_TEST_POSTGRES</c>, <c>HUB_TEST_S3_*</c>) when set, else the embedded defaults
/// (SQLite, filesystem) in a temporary folder. Disposing it stops the hub and removes its database, bucket and folder.
/// </summary>
public sealed class BenchHub : IAsyncDisposable
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "hub-bench-" + Guid.NewGuid().ToString("N"));
    private readonly string database = "hub_bench_" + Guid.NewGuid().ToString("N");
    private readonly string bucket = ("hub-bench-" + Guid.NewGuid().ToString("N"))[..40];
    private WebApplication? app;

    private BenchHub(bool production) => Production = production;

    /// <summary>True on PostgreSQL + S3, false on the embedded defaults.</summary>
    public bool Production { get; }

    public string Url { get; private set; } = "";

    /// <summary>The write token of user <c>admin</c>, created on first start.</summary>
    public string AdminToken { get; } = "hf_" + Guid.NewGuid().ToString("N");

    public IServiceProvider Services => app!.Services;

    /// <summary>The S3 bucket, or null on the embedded defaults.</summary>
    public string? Bucket => Production ? bucket : null;

    public static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    /// <summary>True when the test services' settings are in the environment.</summary>
    public static bool HasServices => Env("HUB_TEST_POSTGRES") is not null && Env("HUB_TEST_S3_URL") is not null;

    public static Task<BenchHub> StartAsync(CancellationToken ct) => StartAsync(new Dictionary<string, string?>(), ct);

    /// <summary>Starts a hub with extra settings on top of the defaults.</summary>
    public static async Task<BenchHub> StartAsync(IDictionary<string, string?> extra, CancellationToken ct)
    {
        var hub = new BenchHub(HasServices);
        await hub.InitializeAsync(extra, ct);
        return hub;
    }

    private async Task InitializeAsync(IDictionary<string, string?> extra, CancellationToken ct)
    {
        Directory.CreateDirectory(dataDir);
        var settings = new Dictionary<string, string?>
        {
            ["Hub:DataDir"] = dataDir,
            ["Hub:Bootstrap:AdminToken"] = AdminToken,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Critical",
        };
        if (Production)
        {
            var connection = new NpgsqlConnectionStringBuilder(Env("HUB_TEST_POSTGRES"));
            await using (var admin = new NpgsqlConnection(connection.ConnectionString))
            {
                await admin.OpenAsync(ct);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
                await create.ExecuteNonQueryAsync(ct);
            }
            connection.Database = database;
            settings["Hub:Database:Provider"] = "postgres";
            settings["ConnectionStrings:Hub"] = connection.ConnectionString;
            settings["Hub:Storage:Blobs"] = "s3";
            settings["Hub:Storage:S3:ServiceUrl"] = Env("HUB_TEST_S3_URL");
            settings["Hub:Storage:S3:AccessKey"] = Env("HUB_TEST_S3_ACCESS_KEY");
            settings["Hub:Storage:S3:SecretKey"] = Env("HUB_TEST_S3_SECRET_KEY");
            settings["Hub:Storage:S3:Bucket"] = bucket;
        }
        foreach (var (k, v) in extra) settings[k] = v;
        app = HubApplication.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await app.StartAsync(ct);
        Url = app.Urls.First().TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        if (Production)
        {
            NpgsqlConnection.ClearAllPools();
            await using (var admin = new NpgsqlConnection(Env("HUB_TEST_POSTGRES")))
            {
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            await Hub.Testing.S3Buckets.DeleteAsync(bucket);
        }
        try { Directory.Delete(dataDir, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}
