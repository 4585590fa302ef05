using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Hub.Bench.Load;

/// <summary>
/// The hub as a second process on loopback (<c>dotnet Hub.Api.dll</c> from this build): PostgreSQL + S3 from the
/// HUB_TEST_* variables when they are set, else the embedded defaults. Cleans up its database and data directory.
/// </summary>
public sealed class HubChild : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dataDir;
    private readonly string? database;
    private string? bucket;

    private HubChild(Process process, string url, string token, string dataDir, string? database)
    {
        this.process = process;
        this.dataDir = dataDir;
        this.database = database;
        Url = url;
        Token = token;
    }

    public string Url { get; }

    public string Token { get; }

    public string Kind => database is null ? "SQLite + filesystem" : "PostgreSQL + S3";

    public static async Task<HubChild> StartAsync(IReadOnlyDictionary<string, string> extra, CancellationToken ct)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = $"http://127.0.0.1:{port}";
        var dataDir = Path.Combine(Path.GetTempPath(), "hub-load-" + Guid.NewGuid().ToString("N"));
        var token = "hf_" + Guid.NewGuid().ToString("N");
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = url,
            ["Hub__DataDir"] = dataDir,
            ["Hub__Bootstrap__AdminToken"] = token,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        string? database = null;
        if (BenchHub.HasServices)
        {
            database = "hub_load_" + Guid.NewGuid().ToString("N");
            var admin = new NpgsqlConnectionStringBuilder(BenchHub.Env("HUB_TEST_POSTGRES"));
            await using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                await connection.OpenAsync(ct);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
            admin.Database = database;
            // The pool stays at Npgsql's default (100): the shared test server allows 100 connections in all, and a
            // larger pool only turns a busy hub into "too many clients" (503) instead of a short wait for a connection.
            env["Hub__Database__Provider"] = "postgres";
            env["ConnectionStrings__Hub"] = admin.ConnectionString;
            env["Hub__Storage__Blobs"] = "s3";
            env["Hub__Storage__S3__ServiceUrl"] = BenchHub.Env("HUB_TEST_S3_URL")!;
            env["Hub__Storage__S3__AccessKey"] = BenchHub.Env("HUB_TEST_S3_ACCESS_KEY")!;
            env["Hub__Storage__S3__SecretKey"] = BenchHub.Env("HUB_TEST_S3_SECRET_KEY")!;
            env["Hub__Storage__S3__Bucket"] = ("hub-load-" + Guid.NewGuid().ToString("N"))[..40];
        }
        foreach (var (k, v) in extra) env[k] = v;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hub.Api.dll"));
        foreach (var (k, v) in env) start.Environment[k] = v;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        // The console logger writes to stdout; at Warning level that is only what went wrong (e.g. a 503's cause).
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("hub: " + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("hub: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new HubChild(process, url, token, dataDir, database) { bucket = env.GetValueOrDefault("Hub__Storage__S3__Bucket") };
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 240 && !process.HasExited; i++)
        {
            try
            {
                if ((await client.GetAsync(url + "/alive", ct)).IsSuccessStatusCode) return child;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // starting
            }
            await Task.Delay(250, ct);
        }
        await child.DisposeAsync();
        throw new InvalidOperationException("The hub did not start.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        NpgsqlConnection.ClearAllPools();
        if (database is not null)
        {
            await using var connection = new NpgsqlConnection(BenchHub.Env("HUB_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        if (bucket is not null) await Hub.Testing.S3Buckets.DeleteAsync(bucket);
        if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
    }
}
