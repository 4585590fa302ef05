using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Features.Maintenance;
using Hub.Api.Tests.Infrastructure;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Jobs;
using Hub.Storage.Metadata.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Security;

/// <summary>Garbage collection of unreferenced LFS objects (dry run first, lease, never a referenced object) and index repair.</summary>
public sealed class MaintenanceTests(MaintenanceTests.Hub hub) : IClassFixture<MaintenanceTests.Hub>
{
    /// <summary>No grace period or settle delay, so objects uploaded by a test are collectable at once.</summary>
    public sealed class Hub() : SecurityHub(production: true, new Dictionary<string, string?>
    {
        ["Hub:Maintenance:GcGracePeriod"] = "00:00:00",
        ["Hub:Maintenance:GcSettleDelay"] = "00:00:00",
        ["Hub:Maintenance:StaleLockAge"] = "00:00:01",
    });

    private static byte[] Bytes(string what) => Encoding.UTF8.GetBytes($"{what} {Guid.NewGuid()}");

    private async Task<bool> DownloadableAsync(HttpClient client, string repo, byte[] content)
    {
        var batch = await client.PostAsync($"{repo}.git/info/lfs/objects/batch", JsonContent.Create(new { operation = "download", objects = new[] { new { oid = HubApi.Sha256(content), size = content.Length } } }));
        var entry = (await batch.Content.ReadFromJsonAsync<JsonObject>())!["objects"]![0]!;
        if (entry["actions"]?["download"]?["href"]?.GetValue<string>() is not { } href) return false;
        using var plain = new HttpClient();
        return (await plain.GetByteArrayAsync(href)).SequenceEqual(content);
    }

    [Fact]
    public async Task Gc_reports_first_then_deletes_only_objects_no_commit_references()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, "gc-" + Guid.NewGuid().ToString("N")[..8]);
        var orphan = Bytes("orphan");
        var current = Bytes("current");
        var historic = Bytes("historic");
        var onBranch = Bytes("branch");
        foreach (var content in new[] { orphan, current, historic, onBranch }) await HubApi.UploadLfsAsync(client, repo, content);
        await HubApi.CommitOkAsync(client, repo, "old", HubApi.LfsFile("old.bin", historic));
        await HubApi.CommitOkAsync(client, repo, "replace", HubApi.LfsFile("model.bin", current), new { key = "deletedFile", value = new { path = "old.bin" } });
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"api/models/{repo}/branch/side", null)).StatusCode);
        var side = await HubApi.CommitAsync(client, repo, "side", [HubApi.LfsFile("side.bin", onBranch)], revision: "side");
        Assert.Equal(HttpStatusCode.OK, side.StatusCode);

        var admin = hub.Client(hub.AdminToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("api/admin/gc?dryRun=false", null)).StatusCode);
        var dry = (await (await admin.PostAsync("api/admin/gc", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(dry["dryRun"]!.GetValue<bool>());
        var listed = dry["unreferenced"]!.AsArray().Select(o => o!["oid"]!.GetValue<string>()).ToList();
        Assert.Contains(HubApi.Sha256(orphan), listed);
        Assert.DoesNotContain(HubApi.Sha256(current), listed);
        Assert.DoesNotContain(HubApi.Sha256(historic), listed);
        Assert.DoesNotContain(HubApi.Sha256(onBranch), listed);
        Assert.Equal(0, dry["deleted"]!.GetValue<int>());
        Assert.True(await DownloadableAsync(client, repo, orphan));

        var run = (await (await admin.PostAsync("api/admin/gc?dryRun=false", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(run["deleted"]!.GetValue<int>() >= 1);
        Assert.False(await DownloadableAsync(client, repo, orphan));
        foreach (var kept in new[] { current, historic, onBranch }) Assert.True(await DownloadableAsync(client, repo, kept));
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"{repo}/resolve/main/model.bin")).StatusCode);
        // The deleted object can be uploaded and committed again.
        await HubApi.UploadLfsAsync(client, repo, orphan);
        await HubApi.CommitOkAsync(client, repo, "back", HubApi.LfsFile("orphan.bin", orphan));
        Assert.True(await DownloadableAsync(client, repo, orphan));
    }

    [Fact]
    public async Task Gc_holds_a_lease_so_one_process_collects_at_a_time()
    {
        var leases = hub.Services.GetRequiredService<IJobLeaseStore>();
        var holder = "another-process-" + Guid.NewGuid().ToString("N");
        Assert.True(await leases.TryClaimAsync(GarbageCollector.LeaseName, holder, TimeSpan.FromHours(1), CancellationToken.None));
        try
        {
            var admin = hub.Client(hub.AdminToken);
            Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync("api/admin/gc?dryRun=false", null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("api/admin/gc?dryRun=true", null)).StatusCode);
        }
        finally
        {
            await leases.ReleaseAsync(GarbageCollector.LeaseName, holder, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Repair_reindexes_a_repository_whose_index_lags_git_and_clears_stale_locks()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, "repair-" + Guid.NewGuid().ToString("N")[..8]);
        var first = await HubApi.CommitOkAsync(client, repo, "one", HubApi.File("a.txt", "a"u8.ToArray()));
        var second = await HubApi.CommitOkAsync(client, repo, "two", HubApi.File("b.txt", "b"u8.ToArray()));
        var repos = hub.Services.GetRequiredService<IRepositoryStore>();
        var record = (await repos.FindAsync("model", repo, CancellationToken.None))!;
        // What a crash between the ref update and the index leaves: the index one commit behind.
        await repos.UpdateIndexAsync(record.Id, new RepositoryIndexUpdate(first, record.LastModified, null, null, null, null, [], null), CancellationToken.None);
        var lockFile = Path.Combine(hub.Services.GetRequiredService<IGitRepositoryStore>().GetPath(record.Id), "refs", "heads", "main.lock");
        await File.WriteAllTextAsync(lockFile, "");
        File.SetLastWriteTimeUtc(lockFile, DateTime.UnixEpoch);

        var report = (await (await hub.Client(hub.AdminToken).PostAsync("api/admin/repair", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains(repo, report["reindexed"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.True(report["locksRemoved"]!.GetValue<int>() >= 1);
        Assert.Equal(second, (await repos.GetAsync(record.Id, CancellationToken.None))!.HeadCommit);
        Assert.False(File.Exists(lockFile));
        await HubApi.CommitOkAsync(client, repo, "three", HubApi.File("c.txt", "c"u8.ToArray()));
    }
}
