using System.Net;
using Hub.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Storage.Tests.Blobs;

/// <summary>
/// The S3 store sets the bucket's CORS rule at start-up, so a browser on the hub's origin may PUT to presigned URLs and
/// read the ETags of its parts (checked on Ceph RGW with real preflights).
/// </summary>
public sealed class S3CorsTests(S3BucketFixture bucket) : IClassFixture<S3BucketFixture>
{
    private const string HubOrigin = "http://hub.example:8080";
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Preflight_to_a_presigned_url_allows_the_hubs_origin_only()
    {
        using var store = await StoreForAsync(HubOrigin);
        var url = store.GetDirectWriteUrl(BlobKeys.Staging(Guid.NewGuid().ToString("N")), TimeSpan.FromMinutes(5))!;
        using var http = new HttpClient();

        using var allowed = await http.SendAsync(Preflight(url, HubOrigin, "PUT"));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HubOrigin, Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Contains("PUT", Header(allowed, "Access-Control-Allow-Methods"), StringComparison.Ordinal);

        using var other = await http.SendAsync(Preflight(url, "http://elsewhere.example", "PUT"));
        Assert.Null(Header(other, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Responses_to_the_hubs_origin_expose_the_etag()
    {
        using var store = await StoreForAsync(HubOrigin);
        var key = BlobKeys.Staging(Guid.NewGuid().ToString("N"));
        var url = store.GetDirectWriteUrl(key, TimeSpan.FromMinutes(5))!;
        using var http = new HttpClient();
        using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent("part"u8.ToArray()) };
        put.Headers.Add("Origin", HubOrigin);

        using var response = await http.SendAsync(put);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(HubOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("ETag", Header(response, "Access-Control-Expose-Headers") ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_rule_is_added_beside_an_operators_rules_once()
    {
        await bucket.Client.PutCORSConfigurationAsync(new Amazon.S3.Model.PutCORSConfigurationRequest
        {
            BucketName = bucket.Options.Bucket,
            Configuration = new Amazon.S3.Model.CORSConfiguration
            {
                Rules = [new Amazon.S3.Model.CORSRule { Id = "operator", AllowedOrigins = ["https://ops.example"], AllowedMethods = ["GET"] }],
            },
        });

        using var store = await StoreForAsync(HubOrigin);
        using var again = await StoreForAsync(HubOrigin);

        var rules = (await bucket.Client.GetCORSConfigurationAsync(new Amazon.S3.Model.GetCORSConfigurationRequest { BucketName = bucket.Options.Bucket })).Configuration.Rules;
        Assert.Equal([S3CorsRule.Id, "operator"], rules.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal([HubOrigin], rules.Single(r => r.Id == S3CorsRule.Id).AllowedOrigins);
    }

    [Fact]
    public void Origins_default_to_the_hubs_public_origin_then_to_any_and_none_when_turned_off()
    {
        Assert.Equal(["https://hub.example"], S3CorsRule.Origins(new S3Options(), "https://hub.example/some/path/"));
        Assert.Equal(["*"], S3CorsRule.Origins(new S3Options(), null));
        Assert.Equal(["https://a.example"], S3CorsRule.Origins(new S3Options { CorsOrigins = ["https://a.example/"] }, "https://hub.example"));
        Assert.Empty(S3CorsRule.Origins(new S3Options { ConfigureCors = false }, "https://hub.example"));
    }

    private async Task<S3BlobStore> StoreForAsync(string origin)
    {
        var store = new S3BlobStore(bucket.Options, TimeProvider.System, NullLogger<S3BlobStore>.Instance, [origin]);
        await store.InitializeAsync(Ct);
        return store;
    }

    private static HttpRequestMessage Preflight(Uri url, string origin, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}
