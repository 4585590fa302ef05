using System.Net.Http.Headers;
using Hub.Api.Features.Accounts;
using Hub.Api.Hosting;
using Hub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.Api.Tests.Infrastructure;

/// <summary>
/// A real Hub on Kestrel (loopback, random port) built exactly as <c>dotnet run</c> builds it. The production
/// flavour uses a fresh PostgreSQL database and S3 bucket on the test services; the embedded flavour uses the
/// defaults (SQLite, filesystem) in a temporary data directory.
/// </summary>
public class HubServer(bool production) : IAsyncLifetime
{
    private readonly TempDirectory dataDir = new("hub-server");
    private readonly string database = $"hub_test_{Guid.NewGuid():N}";
    private readonly string bucket = $"hub-test-{Guid.NewGuid():N}"[..40];
    private WebApplication? app;

    public string AdminToken { get; } = "hf_" + Guid.NewGuid().ToString("N");

    public string Url { get; private set; } = "";

    public IServiceProvider Services => app!.Services;

    public string DataDir => dataDir.Path;

    /// <summary>Extra settings a derived fixture adds.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Hub:DataDir"] = dataDir.Path,
            ["Hub:Bootstrap:AdminToken"] = AdminToken,
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
        foreach (var (k, v) in Settings()) settings[k] = v;
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

    /// <summary>A new user with a token of the given role.</summary>
    public async Task<(string Name, string Token)> CreateUserAsync(string role = "write", string? name = null)
    {
        name ??= "u" + Guid.NewGuid().ToString("N")[..10];
        var accounts = Services.GetRequiredService<AccountService>();
        var user = await accounts.SignUpAsync(name, "correct-horse-battery", null, null, isAdmin: false, CancellationToken.None);
        var (_, secret) = await accounts.CreateTokenAsync(user.Id, "test", role, null, CancellationToken.None);
        return (name, secret);
    }
}

/// <summary>The hub on PostgreSQL + Ceph RGW (S3), shared by the tests of one collection.</summary>
public sealed class ProductionHub() : HubServer(production: true)
{
    // Webhook receivers of the tests listen on loopback.
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Hub:Lists:MaxPageSize", "2"), new("Hub:Webhooks:AllowLoopback", "true")];
}

/// <summary>The hub with its embedded defaults (SQLite, filesystem blobs).</summary>
public sealed class EmbeddedHub() : HubServer(production: false);

[CollectionDefinition(Name)]
public sealed class ProductionHubCollection : ICollectionFixture<ProductionHub>
{
    public const string Name = "production hub";
}

[CollectionDefinition(Name)]
public sealed class EmbeddedHubCollection : ICollectionFixture<EmbeddedHub>
{
    public const string Name = "embedded hub";
}
