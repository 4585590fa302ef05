using Hub.Api.Telemetry;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Lfs;

/// <summary>Past the spill budget the hub stops hashing an upload inline; its completion re-reads the object instead.</summary>
public sealed class SpillBudgetTests(NoSpillHub hub) : IClassFixture<NoSpillHub>, IDisposable
{
    private readonly FinishRecorder finishes = new();

    [Fact]
    public async Task Parts_that_find_no_room_to_wait_for_their_turn_still_upload_and_are_verified_by_re_reading()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, "nospill" + Guid.NewGuid().ToString("N")[..8]);
        var data = new byte[2 * SmallPartsHub.ChunkSize + 999];
        Random.Shared.NextBytes(data);
        var upload = await MultipartUpload.StartAsync(client, repo, data);

        foreach (var part in upload.PartUrls.Keys.OrderDescending()) await upload.PutAsync(part);
        var complete = await upload.CompleteAsync();

        Assert.True(complete.IsSuccessStatusCode, await complete.Content.ReadAsStringAsync());
        Assert.Equal(ApiTelemetry.RereadVerification, finishes.VerificationOf(upload.Oid));
        await HubApi.CommitOkAsync(client, repo, "weights", HubApi.LfsFile("weights.bin", data));
        var resolve = await client.GetAsync($"{repo}/resolve/main/weights.bin");
        using var plain = new HttpClient();
        Assert.Equal(HubApi.Sha256(data), HubApi.Sha256(await plain.GetByteArrayAsync(resolve.Headers.Location)));
    }

    public void Dispose() => finishes.Dispose();
}
