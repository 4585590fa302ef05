using System.Net;
using Hub.Api.Features.Lfs.Inline;
using Hub.Api.Telemetry;
using Hub.Api.Tests.Infrastructure;
using Hub.Storage.Blobs;
using Hub.Storage.Metadata.Lfs;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Lfs;

/// <summary>
/// Multipart parts PUT to the hub (Hub:Lfs:UploadThroughHub, the default) are hashed in part order on their way to S3,
/// so the completion checks the sha256 without reading the object back, and still refuses bytes that do not match.
/// </summary>
public sealed class InlineUploadHashTests(SmallPartsHub hub) : IClassFixture<SmallPartsHub>, IDisposable
{
    private readonly FinishRecorder finishes = new();

    [Theory]
    [InlineData("in parallel")]
    [InlineData("last to first")]
    public async Task Parts_are_hashed_in_order_on_their_way_so_the_completion_verifies_inline_and_the_object_downloads_intact(string order)
    {
        var (client, repo) = await NewRepoAsync();
        var upload = await MultipartUpload.StartAsync(client, repo, RandomBytes(4));
        Assert.All(upload.PartUrls.Values, url => Assert.StartsWith(hub.Url + "/api/lfs/uploads/", url, StringComparison.Ordinal));

        if (order == "in parallel")
            await Task.WhenAll(upload.PartUrls.Keys.Select(upload.PutAsync));
        else
            foreach (var part in upload.PartUrls.Keys.OrderDescending()) await upload.PutAsync(part); // all but part 1 wait
        var complete = await upload.CompleteAsync();

        Assert.True(complete.IsSuccessStatusCode, await complete.Content.ReadAsStringAsync());
        Assert.Equal(ApiTelemetry.InlineVerification, finishes.VerificationOf(upload.Oid));
        await AssertDownloadsAsync(client, repo, upload.Data);
        AssertNoSpilledParts();
    }

    [Fact]
    public async Task A_part_of_the_right_length_with_wrong_bytes_is_refused_and_nothing_is_left_behind()
    {
        var (client, repo) = await NewRepoAsync();
        var upload = await MultipartUpload.StartAsync(client, repo, RandomBytes(4));

        foreach (var part in upload.PartUrls.Keys.Where(p => p != 2)) await upload.PutAsync(part);
        var wrong = upload.Bytes(2);
        wrong[wrong.Length / 2] ^= 0xff;
        await upload.PutAsync(2, wrong);
        var complete = await upload.CompleteAsync();

        Assert.Equal(HttpStatusCode.BadRequest, complete.StatusCode);
        Assert.Contains("do not match", await complete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ApiTelemetry.InlineVerification, finishes.VerificationOf(upload.Oid));
        await AssertNotStoredAsync(upload.Oid);
    }

    [Fact]
    public async Task A_part_sent_again_with_other_bytes_after_it_was_hashed_is_still_caught()
    {
        var (client, repo) = await NewRepoAsync();
        var upload = await MultipartUpload.StartAsync(client, repo, RandomBytes(3));

        foreach (var part in upload.PartUrls.Keys.Order()) await upload.PutAsync(part);
        var wrong = upload.Bytes(1);
        wrong[0] ^= 0xff;
        await upload.PutAsync(1, wrong);
        var complete = await upload.CompleteAsync();

        Assert.Equal(HttpStatusCode.BadRequest, complete.StatusCode);
        Assert.Equal(ApiTelemetry.RereadVerification, finishes.VerificationOf(upload.Oid));
        await AssertNotStoredAsync(upload.Oid);
    }

    [Fact]
    public async Task A_part_interrupted_half_way_then_resumed_is_still_verified_inline()
    {
        var (client, repo) = await NewRepoAsync();
        var data = RandomBytes(3);
        var first = await MultipartUpload.StartAsync(client, repo, data);
        await first.PutAsync(1);
        await first.PutInterruptedAsync(2);

        var resumed = await MultipartUpload.StartAsync(client, repo, data);
        Assert.Equal([1], resumed.StoredParts);
        foreach (var part in resumed.PartUrls.Keys.Except(resumed.StoredParts).Order()) await resumed.PutAsync(part);
        var complete = await resumed.CompleteAsync();

        Assert.True(complete.IsSuccessStatusCode, await complete.Content.ReadAsStringAsync());
        Assert.Equal(ApiTelemetry.InlineVerification, finishes.VerificationOf(resumed.Oid));
        await AssertDownloadsAsync(client, repo, data);
        AssertNoSpilledParts();
    }

    [Fact]
    public async Task A_part_that_dies_while_read_back_from_its_spill_rolls_the_hash_back_and_its_resend_verifies_inline()
    {
        var (client, repo) = await NewRepoAsync();
        var upload = await MultipartUpload.StartAsync(client, repo, RandomBytes(3));
        var die = new TaskCompletionSource();

        // Part 2 streams ahead of part 1 (spilled); once part 1 is in, part 2 is hashed from its spill as it grows.
        var interrupted = upload.PutInterruptedAsync(2, die.Task);
        await WaitForSpilledPartAsync();
        await upload.PutAsync(1);
        die.SetResult();
        await interrupted;
        await upload.PutAsync(2);
        await upload.PutAsync(3);
        var complete = await upload.CompleteAsync();

        Assert.True(complete.IsSuccessStatusCode, await complete.Content.ReadAsStringAsync());
        Assert.Equal(ApiTelemetry.InlineVerification, finishes.VerificationOf(upload.Oid));
        await AssertDownloadsAsync(client, repo, upload.Data);
        AssertNoSpilledParts();
    }

    private async Task<(HttpClient Client, string Repo)> NewRepoAsync()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        return (client, await HubApi.CreateRepoAsync(client, "inline" + Guid.NewGuid().ToString("N")[..8]));
    }

    /// <summary>Whole parts plus a short last one.</summary>
    private static byte[] RandomBytes(int parts)
    {
        var data = new byte[(parts - 1) * SmallPartsHub.ChunkSize + 1234567];
        Random.Shared.NextBytes(data);
        return data;
    }

    private static async Task AssertDownloadsAsync(HttpClient client, string repo, byte[] data)
    {
        await HubApi.CommitOkAsync(client, repo, "weights", HubApi.LfsFile("weights.bin", data));
        var resolve = await client.GetAsync($"{repo}/resolve/main/weights.bin");
        Assert.Equal(HttpStatusCode.Found, resolve.StatusCode);
        using var plain = new HttpClient();
        Assert.Equal(HubApi.Sha256(data), HubApi.Sha256(await plain.GetByteArrayAsync(resolve.Headers.Location)));
    }

    private async Task AssertNotStoredAsync(string oid)
    {
        var objects = hub.Services.GetRequiredService<ILfsObjectStore>();
        Assert.False((await objects.GetAsync(oid, default))?.Verified ?? false);
        Assert.Null(await objects.GetSessionForObjectAsync(oid, default));
        Assert.Null(await hub.Services.GetRequiredService<IBlobStore>().GetInfoAsync(BlobKeys.Lfs(oid), default));
        AssertNoSpilledParts();
    }

    /// <summary>Waits until a part is spilled (it began while not the frontier).</summary>
    private async Task WaitForSpilledPartAsync()
    {
        var hashes = hub.Services.GetRequiredService<InlineUploadHashes>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (hashes.BytesInMemory + hashes.BytesInFiles == 0) await Task.Delay(20, timeout.Token);
    }

    /// <summary>No part waits anywhere: memory and files were freed.</summary>
    private void AssertNoSpilledParts()
    {
        var hashes = hub.Services.GetRequiredService<InlineUploadHashes>();
        Assert.Equal(0, hashes.BytesInMemory);
        Assert.Equal(0, hashes.BytesInFiles);
        var folder = Path.Combine(hub.DataDir, "temp", "lfs-parts");
        Assert.Empty(Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories) : []);
    }

    public void Dispose() => finishes.Dispose();
}
