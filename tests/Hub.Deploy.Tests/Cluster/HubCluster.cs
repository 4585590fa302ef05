using System.Security.Cryptography;
using Hub.Testing;
using Npgsql;

namespace Hub.Deploy.Tests.Cluster;

/// <summary>
/// Several hub processes serving one hub, laid out as docs/operations.md says to deploy it: one PostgreSQL database,
/// one S3 bucket, one shared data directory (git repositories, data-protection keys), one signing key, the schema
/// applied by a one-shot <c>migrate</c> run first, and a round-robin proxy in front whose URL is the hub's public URL.
/// Everything it creates (database, bucket, directory) is removed on dispose.
/// </summary>
public sealed class HubCluster : IAsyncDisposable
{
    private readonly ClusterServices services;
    private readonly List<HubProcess> hubs = [];

    private HubCluster(ClusterServices services, string database, string bucket, string dataDir)
    {
        this.services = services;
        Database = database;
        Bucket = bucket;
        DataDir = dataDir;
    }

    public string Database { get; }

    public string Bucket { get; }

    /// <summary>The data directory every process shares (Hub:DataDir; repositories under repos/).</summary>
    public string DataDir { get; }

    public string AdminToken { get; } = "hf_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    public string AdminPassword { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public IReadOnlyList<HubProcess> Hubs => hubs;

    public RoundRobinProxy Proxy { get; private set; } = null!;

    /// <summary>The hub's public URL: the proxy.</summary>
    public string Url => Proxy.Url;

    /// <summary>The settings every process gets (also what a migration run gets).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Creates the database and bucket, migrates, and starts <paramref name="count"/> hub processes (at once) behind the proxy.</summary>
    public static async Task<HubCluster> StartAsync(ClusterServices services, int count, IReadOnlyDictionary<string, string>? extra = null, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid().ToString("N");
        var cluster = new HubCluster(services, "hub_cluster_" + id, ("hub-cluster-" + id)[..40], Path.Combine(Path.GetTempPath(), "hub-cluster-" + id));
        try
        {
            await cluster.StartAsync(count, extra ?? new Dictionary<string, string>(), cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(int count, IReadOnlyDictionary<string, string> extra, CancellationToken ct)
    {
        Directory.CreateDirectory(DataDir);
        var admin = new NpgsqlConnectionStringBuilder(services.PostgresAdmin);
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        admin.Database = Database;
        var ports = Enumerable.Range(0, count).Select(_ => HubProcess.FreePort()).ToArray();
        Proxy = await RoundRobinProxy.StartAsync([.. ports.Select(p => $"http://127.0.0.1:{p}")]);
        Settings["Hub:Database:Provider"] = "postgres";
        Settings["ConnectionStrings:Hub"] = admin.ConnectionString;
        Settings["Hub:Database:MigrateOnStart"] = "false";
        Settings["Hub:Storage:Blobs"] = "s3";
        Settings["Hub:Storage:S3:ServiceUrl"] = services.S3Url;
        Settings["Hub:Storage:S3:AccessKey"] = services.S3AccessKey;
        Settings["Hub:Storage:S3:SecretKey"] = services.S3SecretKey;
        Settings["Hub:Storage:S3:Bucket"] = Bucket;
        Settings["Hub:DataDir"] = DataDir;
        Settings["Hub:Storage:RepoRoot"] = Path.Combine(DataDir, "repos");
        Settings["Hub:Security:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Settings["Hub:PublicBaseUrl"] = Proxy.Url;
        Settings["Hub:Roles"] = "api,web";
        Settings["Hub:Bootstrap:AdminToken"] = AdminToken;
        Settings["Hub:Bootstrap:AdminPassword"] = AdminPassword;
        Settings["Logging:LogLevel:Default"] = "Warning";
        Settings["Logging:LogLevel:Hub"] = "Information";
        foreach (var (k, v) in extra) Settings[k] = v;

        // The one-shot migration (the compose `migrate` service, the Kubernetes Job) before any hub starts.
        await using (var migrate = HubProcess.Start("migrate", 0, Settings, "migrate"))
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromMinutes(3));
            var exit = await migrate.WaitForExitAsync(limit.Token);
            if (exit != 0) throw new InvalidOperationException($"migrate exited with {exit}:\n{migrate.Output}");
        }
        // All at once, as a Deployment's replicas start: first-start work (bootstrap admin, bucket, the first
        // data-protection key) races between them.
        var started = new HubProcess?[count];
        try
        {
            await Task.WhenAll(ports.Select(async (port, i) => started[i] = await StartHubAsync(i, port, ct)));
        }
        finally
        {
            // In index order; the ones that did start are stopped with the cluster also when another failed.
            hubs.AddRange(started.OfType<HubProcess>());
        }
    }

    /// <summary>
    /// Starts hub <paramref name="index"/> and waits until it is ready. A port free when picked can be taken before the
    /// hub binds it (any outgoing connection may get it as its ephemeral port): then the hub starts again on another.
    /// </summary>
    private async Task<HubProcess> StartHubAsync(int index, int port, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var hub = HubProcess.Start($"hub{index}", port, Settings);
            try
            {
                await hub.WaitReadyAsync(TimeSpan.FromMinutes(3), ct);
                return hub;
            }
            catch (InvalidOperationException) when (attempt < 3 && hub.HasExited && hub.Output.Contains("address already in use", StringComparison.Ordinal))
            {
                await hub.DisposeAsync();
                port = HubProcess.FreePort();
                Proxy.Replace(index, $"http://127.0.0.1:{port}");
            }
            catch
            {
                await hub.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>A client of the hub through the proxy (or of one process), anonymous or with a token, not following redirects.</summary>
    public HttpClient Client(string? token = null, string? baseUrl = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri((baseUrl ?? Url) + "/"),
            Timeout = TimeSpan.FromMinutes(5),
        };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>Everything each process printed lately (for failure messages).</summary>
    public string Logs() => string.Join("\n", hubs.Select(h => $"--- {h.Name} ({(h.HasExited ? "exited" : "running")}) ---\n{h.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in hubs) await hub.DisposeAsync();
        if (Proxy is not null) await Proxy.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(services.PostgresAdmin))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        using (var s3 = S3Buckets.Client(services.S3Url, services.S3AccessKey, services.S3SecretKey))
            await S3Buckets.DeleteAsync(s3, Bucket);
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never created.
        }
    }
}
