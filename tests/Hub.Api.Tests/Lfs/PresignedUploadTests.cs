using System.Net;
using Hub.Api.Telemetry;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Lfs;

/// <summary>With <c>Hub:Lfs:UploadThroughHub</c> off, parts go straight to presigned S3 URLs and completion re-reads the object.</summary>
public sealed class PresignedUploadTests(PresignedPartsHub hub) : IClassFixture<PresignedPartsHub>, IDisposable
{
    private readonly FinishRecorder finishes = new();

    [Fact]
    public async Task Parts_go_to_presigned_store_urls_and_the_completion_re_reads_the_object()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, "presigned" + Guid.NewGuid().ToString("N")[..8]);
        var data = new byte[2 * SmallPartsHub.ChunkSize + 4321];
        Random.Shared.NextBytes(data);
        var upload = await MultipartUpload.StartAsync(client, repo, data);
        Assert.All(upload.PartUrls.Values, url => Assert.DoesNotContain("/api/lfs/uploads/", url, StringComparison.Ordinal));

        await Task.WhenAll(upload.PartUrls.Keys.Select(upload.PutAsync));
        var complete = await upload.CompleteAsync();

        Assert.True(complete.IsSuccessStatusCode, await complete.Content.ReadAsStringAsync());
        Assert.Equal(ApiTelemetry.RereadVerification, finishes.VerificationOf(upload.Oid));
        await HubApi.CommitOkAsync(client, repo, "weights", HubApi.LfsFile("weights.bin", data));
        var resolve = await client.GetAsync($"{repo}/resolve/main/weights.bin");
        Assert.Equal(HttpStatusCode.Found, resolve.StatusCode);
        using var plain = new HttpClient();
        Assert.Equal(HubApi.Sha256(data), HubApi.Sha256(await plain.GetByteArrayAsync(resolve.Headers.Location)));
    }

    public void Dispose() => finishes.Dispose();
}
