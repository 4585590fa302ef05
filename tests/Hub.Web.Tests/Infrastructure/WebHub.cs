using System.Net.Http.Headers;
using Hub.Api.Hosting;
using Hub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Hub.Web.Tests.Infrastructure;

/// <summary>
/// A real hub on Kestrel (loopback, random port) built exactly as <c>dotnet run</c> builds it, as
/// tests/Hub.Api.Tests/Infrastructure/HubServer does: the production flavour on a fresh PostgreSQL database and Ceph RGW
/// bucket (whose CORS rule, set by the hub's S3 store at start-up, lets the browser PUT parts straight to it), the embedded
/// flavour on SQLite + filesystem, where the browser PUTs parts to signed hub URLs. Small multipart settings make a
/// 60 MB file a 12-part upload.
/// </summary>
public class WebHub(bool production) : IAsyncLifetime
{
    public const long ChunkSize = 5L * 1024 * 1024;

    private readonly TempDirectory dataDir = new("hub-web");
    private readonly string database = $"hub_web_{Guid.NewGuid():N}";
    private readonly string bucket = $"hub-web-{Guid.NewGuid():N}"[..40];
    private WebApplication? app;

    public string AdminToken { get; } = "hf_" + Guid.NewGuid().ToString("N");

    public string Url { get; private set; } = "";

    public bool Production => production;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Hub:DataDir"] = dataDir.Path,
            ["Hub:Bootstrap:AdminToken"] = AdminToken,
            ["Hub:Lfs:MultipartThreshold"] = (8L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hub:Lfs:ChunkSize"] = ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (production)
        {
            var admin = new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString);
            await using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }
            admin.Database = database;
            settings["Hub:Database:Provider"] = "postgres";
            settings["ConnectionStrings:Hub"] = admin.ConnectionString;
            settings["Hub:Storage:Blobs"] = "s3";
            settings["Hub:Storage:S3:ServiceUrl"] = TestServices.S3Url;
            settings["Hub:Storage:S3:AccessKey"] = TestServices.S3AccessKey;
            settings["Hub:Storage:S3:SecretKey"] = TestServices.S3SecretKey;
            settings["Hub:Storage:S3:Bucket"] = bucket;
        }
        app = HubApplication.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await app.StartAsync();
        Url = app.Urls.First().TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        NpgsqlConnection.ClearAllPools();
        if (production)
        {
            await using var connection = new NpgsqlConnection(TestServices.PostgresConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await S3Buckets.DeleteAsync(bucket);
        }
        dataDir.Dispose();
    }

    /// <summary>An HttpClient on the hub, anonymous or with a token, that does not follow redirects.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Url + "/"), Timeout = TimeSpan.FromMinutes(5) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
