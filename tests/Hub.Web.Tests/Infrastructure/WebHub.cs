using System.Net.Http.Headers;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
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
            await DeleteBucketAsync();
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

    private static AmazonS3Client S3Client() => new(
        new BasicAWSCredentials(TestServices.S3AccessKey, TestServices.S3SecretKey),
        new AmazonS3Config { ServiceURL = TestServices.S3Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    private async Task DeleteBucketAsync()
    {
        using var client = S3Client();
        try
        {
            var uploads = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket });
            foreach (var upload in uploads.MultipartUploads ?? [])
                await client.AbortMultipartUploadAsync(bucket, upload.Key, upload.UploadId);
            ListObjectsV2Response page;
            var request = new ListObjectsV2Request { BucketName = bucket };
            do
            {
                page = await client.ListObjectsV2Async(request);
                foreach (var item in page.S3Objects ?? [])
                    await client.DeleteObjectAsync(bucket, item.Key);
                request.ContinuationToken = page.NextContinuationToken;
            }
            while (page.IsTruncated == true);
            await client.DeleteBucketAsync(bucket);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Never created: nothing to clean.
        }
    }
}
